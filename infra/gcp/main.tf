# ServerlessPrep on Google Cloud: objects finalized in the lake bucket reach the Cloud Run service
# (functions/ServerlessPrep.Gcp, POST / with a CloudEvent) through an Eventarc trigger; the service writes to the
# output bucket and keeps its key-value state as objects in the state bucket. Its service account holds roles on those
# three buckets only; undeliverable events go to a Pub/Sub dead-letter topic.

terraform {
  required_version = ">= 1.5"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

data "google_project" "this" {}

data "google_storage_project_service_account" "gcs" {}

locals {
  pubsub_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# ---------- buckets ----------
resource "google_storage_bucket" "lake" {
  name                        = "${var.project_id}-${var.name_prefix}-lake"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket" "output" {
  name                        = "${var.project_id}-${var.name_prefix}-output"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket" "state" {
  name                        = "${var.project_id}-${var.name_prefix}-state"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

# ---------- identities and bucket-scoped roles ----------
resource "google_service_account" "runtime" {
  account_id   = "${var.name_prefix}-runtime"
  display_name = "ServerlessPrep Cloud Run runtime"
}

resource "google_service_account" "trigger" {
  account_id   = "${var.name_prefix}-trigger"
  display_name = "ServerlessPrep Eventarc trigger"
}

resource "google_storage_bucket_iam_member" "lake_reader" {
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.runtime.email}"
}

resource "google_storage_bucket_iam_member" "output_writer" {
  bucket = google_storage_bucket.output.name
  role   = "roles/storage.objectUser"
  member = "serviceAccount:${google_service_account.runtime.email}"
}

resource "google_storage_bucket_iam_member" "state_writer" {
  bucket = google_storage_bucket.state.name
  role   = "roles/storage.objectUser"
  member = "serviceAccount:${google_service_account.runtime.email}"
}

# Eventarc requires these two at project level; neither grants access to data.
resource "google_project_iam_member" "trigger_receiver" {
  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = "serviceAccount:${google_service_account.trigger.email}"
}

resource "google_project_iam_member" "gcs_publisher" {
  project = var.project_id
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"
}

# ---------- the service ----------
resource "google_cloud_run_v2_service" "host" {
  name                = "${var.name_prefix}-host"
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = false

  template {
    service_account                  = google_service_account.runtime.email
    timeout                          = "600s"
    max_instance_request_concurrency = 4

    scaling {
      max_instance_count = 40
    }

    containers {
      image = var.image

      resources {
        limits = {
          cpu    = "1"
          memory = "2Gi"
        }
      }

      # PORT is set by Cloud Run; the host listens on it.
      env {
        name  = "SERVERLESSPREP_LAKE"
        value = "gs://${google_storage_bucket.lake.name}/${var.lake_prefix}"
      }
      env {
        name  = "SERVERLESSPREP_OUTPUT"
        value = "gs://${google_storage_bucket.output.name}/${var.output_prefix}"
      }
      env {
        name  = "SERVERLESSPREP_KV"
        value = "gs://${google_storage_bucket.state.name}/kv"
      }
      env {
        name  = "SERVERLESSPREP_SPEC"
        value = var.spec
      }
      # The parts of a large object go out as messages on the backfill topic and come back through its trigger.
      env {
        name  = "SERVERLESSPREP_PART_TOPIC"
        value = google_pubsub_topic.backfill.id
      }
    }
  }
}

# Only the trigger's identity may invoke the service (no allUsers).
resource "google_cloud_run_v2_service_iam_member" "trigger_invoker" {
  name     = google_cloud_run_v2_service.host.name
  location = google_cloud_run_v2_service.host.location
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.trigger.email}"
}

# ---------- events: object finalized in the lake → POST / ----------
resource "google_eventarc_trigger" "lake_finalized" {
  name            = "${var.name_prefix}-lake-finalized"
  location        = var.region
  service_account = google_service_account.trigger.email

  matching_criteria {
    attribute = "type"
    value     = "google.cloud.storage.object.v1.finalized"
  }
  matching_criteria {
    attribute = "bucket"
    value     = google_storage_bucket.lake.name
  }

  destination {
    cloud_run_service {
      service = google_cloud_run_v2_service.host.name
      region  = var.region
      path    = "/"
    }
  }

  depends_on = [
    google_project_iam_member.trigger_receiver,
    google_project_iam_member.gcs_publisher,
    google_cloud_run_v2_service_iam_member.trigger_invoker,
  ]
}

# ---------- queued backfill: `serverlessprep backfill gs://…` publishes Cloud Storage notifications here → POST / ----------
resource "google_pubsub_topic" "backfill" {
  name = "${var.name_prefix}-backfill"
}

resource "google_eventarc_trigger" "backfill" {
  name            = "${var.name_prefix}-backfill"
  location        = var.region
  service_account = google_service_account.trigger.email

  matching_criteria {
    attribute = "type"
    value     = "google.cloud.pubsub.topic.v1.messagePublished"
  }

  transport {
    pubsub {
      topic = google_pubsub_topic.backfill.id
    }
  }

  destination {
    cloud_run_service {
      service = google_cloud_run_v2_service.host.name
      region  = var.region
      path    = "/"
    }
  }

  depends_on = [
    google_project_iam_member.trigger_receiver,
    google_cloud_run_v2_service_iam_member.trigger_invoker,
  ]
}

# The service publishes the parts of large objects on the backfill topic (and nothing else on Pub/Sub).
resource "google_pubsub_topic_iam_member" "runtime_part_publisher" {
  topic  = google_pubsub_topic.backfill.id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.runtime.email}"
}

# The operator running `serverlessprep backfill gs://…`: list the lake, read the processing records, publish on the
# backfill topic. Nothing else (no write to any bucket, no other topic).
resource "google_pubsub_topic_iam_member" "operator_backfill_publisher" {
  count  = var.backfill_operator == "" ? 0 : 1
  topic  = google_pubsub_topic.backfill.id
  role   = "roles/pubsub.publisher"
  member = var.backfill_operator
}

resource "google_storage_bucket_iam_member" "operator_lake_viewer" {
  count  = var.backfill_operator == "" ? 0 : 1
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectViewer"
  member = var.backfill_operator
}

resource "google_storage_bucket_iam_member" "operator_state_viewer" {
  count  = var.backfill_operator == "" ? 0 : 1
  bucket = google_storage_bucket.state.name
  role   = "roles/storage.objectViewer"
  member = var.backfill_operator
}

# ---------- dead letters ----------
resource "google_pubsub_topic" "dead_letter" {
  name = "${var.name_prefix}-lake-dead-letter"
}

# Keeps dead letters for inspection and replay (7 days).
resource "google_pubsub_subscription" "dead_letter" {
  name                       = "${var.name_prefix}-lake-dead-letter"
  topic                      = google_pubsub_topic.dead_letter.id
  message_retention_duration = "604800s"
  ack_deadline_seconds       = 60
}

resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

# The Pub/Sub subscriptions Eventarc created for the two triggers (lake events, backfill messages).
locals {
  trigger_subscriptions = {
    lake_finalized = google_eventarc_trigger.lake_finalized.transport[0].pubsub[0].subscription
    backfill       = google_eventarc_trigger.backfill.transport[0].pubsub[0].subscription
  }
}

resource "google_pubsub_subscription_iam_member" "trigger_subscription_subscriber" {
  for_each     = local.trigger_subscriptions
  subscription = each.value
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

# Eventarc owns the Pub/Sub subscription it delivers through, and the provider exposes no dead-letter setting for it,
# so the policy is applied to that subscription here (needs the gcloud CLI where Terraform runs). The host answers
# 2xx for processed/skipped/quarantined/ignored and 5xx only for transient failures; a malformed event gets a 400,
# which Pub/Sub redelivers like any non-2xx until max_delivery_attempts, then dead-letters.
resource "terraform_data" "trigger_dead_letter_policy" {
  for_each = local.trigger_subscriptions

  triggers_replace = [
    each.value,
    google_pubsub_topic.dead_letter.id,
    var.max_delivery_attempts,
  ]

  provisioner "local-exec" {
    command = join(" ", [
      "gcloud pubsub subscriptions update",
      each.value,
      "--project=${var.project_id}",
      "--dead-letter-topic=${google_pubsub_topic.dead_letter.id}",
      "--max-delivery-attempts=${var.max_delivery_attempts}",
      "--min-retry-delay=10s",
      "--max-retry-delay=600s",
    ])
  }

  depends_on = [
    google_pubsub_topic_iam_member.dead_letter_publisher,
    google_pubsub_subscription_iam_member.trigger_subscription_subscriber,
  ]
}

