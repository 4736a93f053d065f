using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using ServerlessPrep.Azure.Tests.Support;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Azure.Tests;

/// <summary>infra/azure/main.bicep: compiled by the real Bicep CLI, and checked against what the host reads.</summary>
public sealed class InfraBicepTests
{
    private const string ContainerType = "Microsoft.Storage/storageAccounts/blobServices/containers";
    private static readonly string MainBicep = Path.Combine(RepoPaths.Root, "infra", "azure", "main.bicep");
    private readonly BicepFile _bicep = BicepFile.Load(MainBicep);

    [Fact]
    public void BicepBuild_MainTemplate_CompilesWithoutErrorsOrWarnings()
    {
        Assert.True(File.Exists(BicepCli.Path), $"Bicep CLI not found at {BicepCli.Path}: restore this project (PackageDownload).");

        var (exitCode, stdout, stderr) = BicepCli.Run("build", MainBicep, "--stdout");

        Assert.True(exitCode == 0, stderr);
        Assert.DoesNotContain("Warning", stderr, StringComparison.Ordinal);
        Assert.Contains("Microsoft.EventGrid/systemTopics/eventSubscriptions", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_AppSettings_SetEveryVariableTheHostReads()
    {
        var settings = _bicep.OfType("Microsoft.Web/sites").Single().AppSettings();

        foreach (var name in new[] { AzureHostSettings.LakeVariable, AzureHostSettings.OutputVariable, AzureHostSettings.KvVariable, AzureHostSettings.ConnectionVariable })
        {
            Assert.True(settings.ContainsKey(name), $"{name} is not set on the function app");
        }

        var connection = settings[AzureHostSettings.ConnectionVariable].Trim('\'');
        Assert.Contains(connection + "__blobServiceUri", settings.Keys);
        Assert.Contains(connection + "__tableServiceUri", settings.Keys);
        Assert.Contains(connection + "__clientId", settings.Keys);
        Assert.Equal("'azblob://${lakeContainer.name}'", settings[AzureHostSettings.LakeVariable]);
        Assert.StartsWith("'aztable://${kvTable.name}", settings[AzureHostSettings.KvVariable], StringComparison.Ordinal);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
    }

    [Fact]
    public void FunctionApp_SpecSetting_ComesFromParameterThatDefaultsToInference()
    {
        var settings = _bicep.OfType("Microsoft.Web/sites").Single().AppSettings();

        Assert.Equal("spec", settings[SpecSource.EnvironmentVariable]);
        Assert.Contains("param spec string = ''", _bicep.Text, StringComparison.Ordinal);
        Assert.Empty(SpecSource.Load(string.Empty).Datasets);
    }

    [Fact]
    public void RoleAssignments_AreScopedToContainersTableOrHostAccount()
    {
        var expected = new Dictionary<string, (string Scope, string Role)>
        {
            ["lakeReader"] = ("lakeContainer", "roles.blobDataReader"),
            ["outputWriter"] = ("outputContainer", "roles.blobDataContributor"),
            ["tableWriter"] = ("kvTable", "roles.tableDataContributor"),
            ["deadLetterWriter"] = ("deadLetterContainer", "roles.blobDataContributor"),
            ["hostStorageOwner"] = ("hostStorage", "roles.blobDataOwner"),
            ["queueReader"] = ("backfillQueue", "roles.queueDataReader"),
            ["queueProcessor"] = ("backfillQueue", "roles.queueDataMessageProcessor"),
            ["queuePartSender"] = ("backfillQueue", "roles.queueDataMessageSender"),
            ["poisonQueueWriter"] = ("backfillPoisonQueue", "roles.queueDataContributor"),
            ["operatorQueueSender"] = ("backfillQueue", "roles.queueDataMessageSender"),
            ["operatorLakeReader"] = ("lakeContainer", "roles.blobDataReader"),
            ["operatorTableReader"] = ("kvTable", "roles.tableDataReader"),
        };

        var assignments = _bicep.OfType("Microsoft.Authorization/roleAssignments").ToList();

        Assert.Equal(expected.Keys.Order(), assignments.Select(a => a.Symbol).Order());
        foreach (var assignment in assignments)
        {
            var (scope, role) = expected[assignment.Symbol];
            Assert.Equal(scope, assignment.Property("scope"));
            Assert.Contains(role, assignment.Property("roleDefinitionId"), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("targetScope", _bicep.Text, StringComparison.Ordinal);
        Assert.Equal("Microsoft.Storage/storageAccounts", _bicep.Resource("hostStorage").Type);
    }

    [Fact]
    public void EventSubscription_FiltersBlobCreatedOnLakeWithRetriesAndDeadLetters()
    {
        var subscription = _bicep.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions").Single();
        var topic = _bicep.Resource(subscription.Property("parent")!);

        Assert.Equal("data.id", topic.Property("source"));
        Assert.Equal("data", _bicep.Resource(_bicep.Resource("lakeContainer").Property("parent")!).Property("parent"));
        Assert.Contains("'Microsoft.Storage.BlobCreated'", subscription.Body, StringComparison.Ordinal);
        Assert.Contains("${lakeContainer.name}/blobs/", subscription.Property("subjectBeginsWith"), StringComparison.Ordinal);
        Assert.NotNull(subscription.Property("maxDeliveryAttempts"));
        Assert.NotNull(subscription.Property("eventTimeToLiveInMinutes"));
        var deadLetterContainer = subscription.Property("blobContainerName")!.Split('.')[0];
        Assert.Equal(ContainerType, _bicep.Resource(deadLetterContainer).Type);
        Assert.NotEqual("lakeContainer", deadLetterContainer);
    }

    [Fact]
    public void BackfillQueue_TriggerSettings_NameTheQueueAndItsIdentityEndpoint()
    {
        var trigger = typeof(BackfillQueueFunction).GetMethod(nameof(BackfillQueueFunction.RunAsync))!
            .GetParameters()[0].GetCustomAttribute<QueueTriggerAttribute>()!;
        var settings = _bicep.OfType("Microsoft.Web/sites").Single().AppSettings();

        Assert.Equal($"%{BackfillQueueFunction.QueueVariable}%", trigger.QueueName);
        Assert.Equal("backfillQueue.name", settings[BackfillQueueFunction.QueueVariable]);
        Assert.Equal(BackfillQueueFunction.Connection, trigger.Connection);
        Assert.Contains(trigger.Connection + "__queueServiceUri", settings.Keys);
        Assert.Contains(trigger.Connection + "__clientId", settings.Keys);
        Assert.Equal("queueService", _bicep.Resource("backfillQueue").Property("parent"));
        Assert.Equal("data", _bicep.Resource("queueService").Property("parent"));
        Assert.Equal("'${backfillQueueName}-poison'", _bicep.Resource("backfillPoisonQueue").Property("name"));
    }

    [Fact]
    public void OperatorRoles_AreOnlyGrantedWhenAPrincipalIsGiven()
    {
        foreach (var symbol in new[] { "operatorQueueSender", "operatorLakeReader", "operatorTableReader" })
        {
            Assert.Contains($"resource {symbol} 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantOperator) {{", _bicep.Text, StringComparison.Ordinal);
        }

        Assert.Contains("var grantOperator = !empty(operatorPrincipalId)", _bicep.Text, StringComparison.Ordinal);
        Assert.Contains("output backfillQueue string = 'azqueue://${data.name}/${backfillQueue.name}'", _bicep.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void EventSubscription_WebhookUrl_MatchesFunctionRoute()
    {
        var trigger = typeof(EventGridFunction).GetMethod(nameof(EventGridFunction.RunAsync))!
            .GetParameters()[0].GetCustomAttribute<HttpTriggerAttribute>()!;
        var url = _bicep.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions").Single().Property("endpointUrl")!;

        Assert.Contains($"/api/{trigger.Route}?code=", url, StringComparison.Ordinal);
        Assert.Equal(AuthorizationLevel.Function, trigger.AuthLevel);
    }
}
