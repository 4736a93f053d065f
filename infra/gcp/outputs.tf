output "service_url" {
  description = "URL of the Cloud Run service (authenticated: only the trigger may invoke it)."
  value       = google_cloud_run_v2_service.host.uri
}

output "lake_bucket" {
  value = google_storage_bucket.lake.name
}

output "output_bucket" {
  value = google_storage_bucket.output.name
}

output "dead_letter_topic" {
  value = google_pubsub_topic.dead_letter.id
}

output "backfill_topic" {
  description = "serverlessprep backfill gs://<lake_bucket>/<lake_prefix> --root <lake_prefix> --queue pubsub://<this> --kv <state_kv>"
  value       = google_pubsub_topic.backfill.id
}

output "state_kv" {
  description = "The service's key-value store (SERVERLESSPREP_KV), for backfill --kv."
  value       = "gs://${google_storage_bucket.state.name}/kv"
}
