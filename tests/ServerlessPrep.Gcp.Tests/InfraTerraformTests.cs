using System.Diagnostics;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

/// <summary>
/// infra/gcp/*.tf checked offline against what the host reads. `terraform validate` needs the google provider from
/// the Terraform registry, which is unreachable here; `terraform fmt -check` (syntax and layout) runs when terraform is on PATH.
/// </summary>
public sealed class InfraTerraformTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "infra", "gcp");
    private readonly HclFile _tf = HclFile.LoadFolder(Folder);

    [Fact]
    public void CloudRunService_Env_SetsEveryVariableTheHostReadsButNotPort()
    {
        var service = _tf.OfType("google_cloud_run_v2_service").Single();
        var env = service.EnvNames();

        Assert.Contains(GcpHostSettings.LakeVariable, env);
        Assert.Contains(GcpHostSettings.OutputVariable, env);
        Assert.Contains(GcpHostSettings.KvVariable, env);
        Assert.Contains(GcpHostSettings.PartTopicVariable, env);
        Assert.DoesNotContain(GcpHostSettings.PortVariable, env);
        Assert.Equal("google_service_account.runtime.email", service.Attribute("service_account"));
    }

    [Fact]
    public void CloudRunService_SpecEnv_ComesFromVariableThatDefaultsToInference()
    {
        var service = _tf.OfType("google_cloud_run_v2_service").Single();

        Assert.Contains(SpecSource.EnvironmentVariable, service.EnvNames());
        Assert.Contains($"name  = \"{SpecSource.EnvironmentVariable}\"\n        value = var.spec", service.Body, StringComparison.Ordinal);
        Assert.Matches("variable \"spec\" \\{[^}]*default\\s*=\\s*\"\"", _tf.Text);
    }

    [Fact]
    public void Iam_NoPrimitiveRolesAndRuntimeRolesAreBucketScoped()
    {
        Assert.DoesNotContain("roles/editor", _tf.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("roles/owner", _tf.Text, StringComparison.Ordinal);
        foreach (var binding in _tf.OfType("google_project_iam_member"))
        {
            Assert.Contains(binding.Attribute("role"), new[] { "roles/eventarc.eventReceiver", "roles/pubsub.publisher" });
            Assert.DoesNotContain("runtime", binding.Attribute("member"), StringComparison.Ordinal);
        }

        var runtimeBindings = _tf.Resources.Where(r => r.Attribute("member")?.Contains("google_service_account.runtime", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, runtimeBindings.Count);
        Assert.Equal(3, runtimeBindings.Count(b => b.Type == "google_storage_bucket_iam_member"));
        var publisher = Assert.Single(runtimeBindings, b => b.Type != "google_storage_bucket_iam_member");
        Assert.Equal(("google_pubsub_topic_iam_member", "roles/pubsub.publisher", "google_pubsub_topic.backfill.id"), (publisher.Type, publisher.Attribute("role"), publisher.Attribute("topic")));
        Assert.Equal("roles/storage.objectViewer", _tf.Resource("google_storage_bucket_iam_member", "lake_reader").Attribute("role"));
        Assert.Empty(_tf.OfType("google_project_iam_binding"));
        Assert.DoesNotContain(_tf.Resources, r => r.Attribute("member") is "allUsers" or "allAuthenticatedUsers");
    }

    [Fact]
    public void EventarcTrigger_FinalizedOnLakeToServiceRoot()
    {
        var trigger = _tf.Resource("google_eventarc_trigger", "lake_finalized");

        Assert.Contains($"value     = \"{GcsEventParser.FinalizedType}\"", trigger.Body, StringComparison.Ordinal);
        Assert.Contains("value     = google_storage_bucket.lake.name", trigger.Body, StringComparison.Ordinal);
        Assert.Equal("/", trigger.Attribute("path"));
        Assert.Equal("google_cloud_run_v2_service.host.name", trigger.Attribute("service"));
    }

    [Fact]
    public void BackfillTrigger_MessagePublishedOnTheBackfillTopicToServiceRoot()
    {
        var trigger = _tf.Resource("google_eventarc_trigger", "backfill");

        Assert.Contains($"value     = \"{PubSubMessageParser.MessagePublishedType}\"", trigger.Body, StringComparison.Ordinal);
        Assert.Contains("topic = google_pubsub_topic.backfill.id", trigger.Body, StringComparison.Ordinal);
        Assert.Equal("/", trigger.Attribute("path"));
        Assert.Equal("google_cloud_run_v2_service.host.name", trigger.Attribute("service"));
        Assert.Contains("output \"backfill_topic\"", _tf.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BackfillOperator_MayPublishOnTheBackfillTopicAndOnlyViewTheLakeAndState()
    {
        var grants = _tf.Resources.Where(r => r.Attribute("member") == "var.backfill_operator").ToList();

        Assert.Equal(
            ["google_pubsub_topic_iam_member:roles/pubsub.publisher", "google_storage_bucket_iam_member:roles/storage.objectViewer", "google_storage_bucket_iam_member:roles/storage.objectViewer"],
            grants.Select(g => $"{g.Type}:{g.Attribute("role")}").Order(StringComparer.Ordinal));
        Assert.Equal("google_pubsub_topic.backfill.id", grants.Single(g => g.Type == "google_pubsub_topic_iam_member").Attribute("topic"));
        Assert.Equal(
            ["google_storage_bucket.lake.name", "google_storage_bucket.state.name"],
            grants.Where(g => g.Type == "google_storage_bucket_iam_member").Select(g => g.Attribute("bucket")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DeadLetter_TopicExistsAndIsWiredToTheTriggerSubscription()
    {
        var topic = _tf.Resource("google_pubsub_topic", "dead_letter");
        var policy = _tf.Resource("terraform_data", "trigger_dead_letter_policy");

        Assert.Contains("for_each = local.trigger_subscriptions", policy.Body, StringComparison.Ordinal);
        Assert.Contains($"--dead-letter-topic=${{google_pubsub_topic.{topic.Name}.id}}", policy.Body, StringComparison.Ordinal);
        foreach (var trigger in new[] { "lake_finalized", "backfill" })
        {
            Assert.Matches($@"{trigger}\s*=\s*google_eventarc_trigger\.{trigger}\.transport\[0\]\.pubsub\[0\]\.subscription", _tf.Text);
        }

        Assert.Contains($"google_pubsub_topic.{topic.Name}.id", _tf.Resource("google_pubsub_topic_iam_member", "dead_letter_publisher").Body, StringComparison.Ordinal);
    }

    [Fact]
    public void TerraformFmt_WhenTerraformInstalled_ReportsNoChanges()
    {
        var terraform = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(p => Path.Combine(p, "terraform")).FirstOrDefault(File.Exists);
        if (terraform is null)
        {
            return; // Not installed on this machine: the structural checks above still run.
        }

        var start = new ProcessStartInfo(terraform, ["fmt", "-check", "-diff", "-no-color", Folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output);
    }
}
