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
