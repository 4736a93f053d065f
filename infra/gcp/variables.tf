variable "project_id" {
  description = "Google Cloud project to deploy into."
  type        = string
}

variable "region" {
  description = "Region of the buckets, the Cloud Run service and the Eventarc trigger (a bucket's location must match its trigger's)."
  type        = string
  default     = "europe-west1"
}

variable "name_prefix" {
  description = "Prefix of every resource name (lowercase letters, digits, '-')."
  type        = string
  default     = "sprep"
}

variable "image" {
  description = "Container image of functions/ServerlessPrep.Gcp (listens on $PORT)."
  type        = string
}

variable "lake_prefix" {
  description = "Folder inside the lake bucket whose objects are processed (empty: the whole bucket)."
  type        = string
  default     = ""
}

variable "output_prefix" {
  description = "Folder inside the output bucket the prepared data goes to."
  type        = string
  default     = "prepared"
}

variable "spec" {
  description = "Dataset spec for SERVERLESSPREP_SPEC: inline YAML (e.g. file(\"spec.yaml\")) or the path of a spec file in the image; empty infers every dataset. A spec with problems stops the service at start-up with every problem listed."
  type        = string
  default     = ""
}

variable "max_delivery_attempts" {
  description = "Deliveries of one event before it goes to the dead-letter topic (Pub/Sub allows 5 to 100)."
  type        = number
  default     = 5
}

variable "backfill_operator" {
  description = "IAM member (e.g. user:ops@example.com) allowed to run `serverlessprep backfill gs://…`: publish on the backfill topic, view the lake and state buckets. Empty: no grant."
  type        = string
  default     = ""
}
