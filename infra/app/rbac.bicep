metadata description = 'The data-plane roles one principal needs to run or operate the app: tables, blobs and queues on the storage account, metrics publishing on Application Insights.'

@description('Required. Name of the storage account the storage roles are scoped to.')
param storageAccountName string

@description('Required. Name of the Application Insights component the monitoring role is scoped to.')
param applicationInsightsName string

@description('Required. Object id of the principal receiving the roles.')
param principalId string

@description('Required. Kind of the principal; stating it lets ARM assign a role to a principal Entra ID has only just created.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string

// Built-in role definition ids (the same in every tenant).
var storageRoles = [
  {
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
    description: 'Storage Table Data Contributor: read and write the payments tables.'
  }
  {
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
    description: 'Storage Blob Data Owner: the deployment package container and the Functions host blobs (AzureWebJobsStorage).'
  }
  {
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
    description: 'Storage Queue Data Contributor: the Functions host queues (AzureWebJobsStorage).'
  }
]
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storageAccount.id, principalId, role.id)
    scope: storageAccount
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      description: role.description
    }
  }
]

resource monitoringRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, principalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      monitoringMetricsPublisherRoleId
    )
    description: 'Monitoring Metrics Publisher: send telemetry to an Application Insights that accepts Entra ID authentication only.'
  }
}
