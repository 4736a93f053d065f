// ServerlessPrep on Azure: a lake container whose BlobCreated events reach the Flex Consumption function app's
// HTTP Event Grid webhook (functions/ServerlessPrep.Azure, route /api/eventgrid), which writes to an output container
// and a Table. The app runs as a user-assigned identity holding data-plane roles scoped to exactly those containers
// and that table; nothing is granted at subscription or resource-group level.
// Backfills (`serverlessprep backfill az://… --queue azqueue://…`) enqueue one Event Grid BlobCreated event per object on the
// backfill queue in the data account; the app's queue trigger (BackfillQueue) processes them like webhook deliveries.
//
// Deploy in two steps: the event subscription validates its webhook when it is created, so the code must be there.
//   az deployment group create -g <rg> -f main.bicep -p deployEventSubscription=false
//   (publish functions/ServerlessPrep.Azure to the app)
//   az deployment group create -g <rg> -f main.bicep

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Lowercase letters and digits; prefixes resource names (storage accounts take up to 11 characters of it).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'sprep'

@description('Container the data lands in; its BlobCreated events are processed.')
param lakeContainerName string = 'lake'

@description('Container the prepared outputs are written to.')
param outputContainerName string = 'prepared'

@description('Folder inside the output container (may be empty).')
param outputPrefix string = ''

@description('Dataset spec for SERVERLESSPREP_SPEC: inline YAML (e.g. loadTextContent(\'spec.yaml\') in a parent template) or the path of a spec file published with the app; empty infers every dataset. A spec with problems stops the app at start-up with every problem listed.')
param spec string = ''

@description('Table holding processing records, schemas, fits and online features.')
param tableName string = 'serverlessprep'

@description('Container Event Grid dead-letters undeliverable events into.')
param deadLetterContainerName string = 'eventgrid-deadletter'

@description('Create the Event Grid subscription (false for the first deployment, before the code is published).')
param deployEventSubscription bool = true

@description('Event Grid delivery attempts before an event is dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 10

@description('Queue the backfill command enqueues one message per object on; the function app consumes it.')
param backfillQueueName string = 'serverlessprep-backfill'

@description('Object id of the user, group or service principal that runs `serverlessprep backfill` (empty: grant nothing). It may list the lake, read the table and send to the backfill queue.')
param operatorPrincipalId string = ''

@description('Kind of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

var grantOperator = !empty(operatorPrincipalId)
var suffix = uniqueString(resourceGroup().id, namePrefix)
var roles = {
  blobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  tableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
  queueDataReader: '19e7f393-937e-4f77-808e-94535e297925'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  queueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  queueDataMessageProcessor: '8a0f0c08-91a1-4084-bc3d-661d67233fed'
}

// ---------- data: lake, outputs, dead letters, key-value table ----------
resource data 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${namePrefix}data${suffix}', 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: data
  name: 'default'
}

resource lakeContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: lakeContainerName
}

resource outputContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: outputContainerName
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainerName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: data
  name: 'default'
}

resource kvTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: tableName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: data
  name: 'default'
}

resource backfillQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: backfillQueueName
}

// Where the Functions runtime moves a message after maxDequeueCount failed deliveries (host.json); created here so that the
// app needs no account-wide queue rights.
resource backfillPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: '${backfillQueueName}-poison'
}

// ---------- the function app's own storage (runtime state and deployment package) ----------
resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${namePrefix}host${suffix}', 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource hostBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: hostStorage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: hostBlobService
  name: 'app-package'
}

// ---------- identity and scoped roles ----------
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-app-id'
  location: location
}

resource lakeReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(lakeContainer.id, appIdentity.id, roles.blobDataReader)
  scope: lakeContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataReader)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource outputWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(outputContainer.id, appIdentity.id, roles.blobDataContributor)
  scope: outputContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kvTable.id, appIdentity.id, roles.tableDataContributor)
  scope: kvTable
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.tableDataContributor)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The backfill queue trigger: read the queue's length (scaling) and receive/delete its messages.
resource queueReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(backfillQueue.id, appIdentity.id, roles.queueDataReader)
  scope: backfillQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataReader)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueProcessor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(backfillQueue.id, appIdentity.id, roles.queueDataMessageProcessor)
  scope: backfillQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataMessageProcessor)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Large objects: the app sends the parts of an object split into row-group ranges to the backfill queue (one invocation each).
resource queuePartSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(backfillQueue.id, appIdentity.id, roles.queueDataMessageSender)
  scope: backfillQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataMessageSender)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The runtime creates-if-missing and writes the poison queue; Contributor scoped to that one queue allows both.
resource poisonQueueWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(backfillPoisonQueue.id, appIdentity.id, roles.queueDataContributor)
  scope: backfillPoisonQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataContributor)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The operator running `serverlessprep backfill`: list the lake, follow progress in the table, send to the backfill queue.
resource operatorQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantOperator) {
  name: guid(backfillQueue.id, operatorPrincipalId, roles.queueDataMessageSender)
  scope: backfillQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataMessageSender)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

resource operatorLakeReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantOperator) {
  name: guid(lakeContainer.id, operatorPrincipalId, roles.blobDataReader)
  scope: lakeContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataReader)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

resource operatorTableReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantOperator) {
  name: guid(kvTable.id, operatorPrincipalId, roles.tableDataReader)
  scope: kvTable
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.tableDataReader)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

// The Functions runtime keeps leases and keys in its own account; it is the only account-scoped grant.
resource hostStorageOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, appIdentity.id, roles.blobDataOwner)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataOwner)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Event Grid writes dead letters with the system topic's identity.
resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, lakeEvents.id, roles.blobDataContributor)
  scope: deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
    principalId: lakeEvents.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------- Flex Consumption function app ----------
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-fn-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${packageContainer.name}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: appIdentity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: hostStorage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: appIdentity.properties.clientId }
        { name: 'SERVERLESSPREP_LAKE', value: 'azblob://${lakeContainer.name}' }
        { name: 'SERVERLESSPREP_OUTPUT', value: 'azblob://${outputContainer.name}/${outputPrefix}' }
        { name: 'SERVERLESSPREP_KV', value: 'aztable://${kvTable.name}' }
        { name: 'SERVERLESSPREP_SPEC', value: spec }
        { name: 'SERVERLESSPREP_STORAGE_CONNECTION', value: 'DataStorage' }
        { name: 'DataStorage__blobServiceUri', value: data.properties.primaryEndpoints.blob }
        { name: 'DataStorage__tableServiceUri', value: data.properties.primaryEndpoints.table }
        { name: 'DataStorage__clientId', value: appIdentity.properties.clientId }
        { name: 'DataStorage__credential', value: 'managedidentity' }
        // BackfillQueue trigger: queue name and the identity-based queue endpoint of its DataStorage connection.
        { name: 'SERVERLESSPREP_QUEUE', value: backfillQueue.name }
        { name: 'DataStorage__queueServiceUri', value: data.properties.primaryEndpoints.queue }
      ]
    }
  }
  dependsOn: [
    hostStorageOwner
  ]
}

// ---------- Event Grid: lake BlobCreated → webhook, retries, dead letters ----------
resource lakeEvents 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: '${namePrefix}-lake-events'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: data.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource lakeSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (deployEventSubscription) {
  parent: lakeEvents
  name: 'lake-blob-created'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/api/eventgrid?code=${listKeys('${functionApp.id}/host/default', '2024-04-01').functionKeys.default}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${lakeContainer.name}/blobs/'
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.api'
          values: [
            'PutBlob'
            'PutBlockList'
            'CopyBlob'
            'FlushWithClose'
          ]
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: data.id
          blobContainerName: deadLetterContainer.name
        }
      }
    }
  }
  dependsOn: [
    deadLetterWriter
  ]
}

output functionAppName string = functionApp.name
output dataStorageAccountName string = data.name
output lakeContainer string = lakeContainer.name
output backfillLake string = 'az://${data.name}/${lakeContainer.name}'
output backfillQueue string = 'azqueue://${data.name}/${backfillQueue.name}'
output backfillKv string = 'aztable://${data.name}/${kvTable.name}'
output eventGridWebhook string = 'https://${functionApp.properties.defaultHostName}/api/eventgrid'
