targetScope = 'subscription'

metadata description = 'Payments.Functions on Azure: a Flex Consumption function app that reaches Table Storage and Application Insights through a user-assigned managed identity, with no shared keys.'

@description('Required. Name of the azd environment; it seeds the unique resource token and tags every resource.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Required. Azure region of every resource; it must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional. Object id of the user or service principal running the deployment; when set it gets the same data-plane roles as the app, to inspect the tables and telemetry. azd fills it in.')
param principalId string = ''

@description('Optional. Kind of the deploying principal named by principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Optional. Name of the resource group; defaults to rg-<environmentName>.')
@maxLength(90)
param resourceGroupName string = ''

@description('Optional. Globally unique name of the function app; defaults to func-api-<token>.')
@maxLength(60)
param functionAppName string = ''

@description('Optional. Globally unique name of the storage account; defaults to st<token>.')
@maxLength(24)
param storageAccountName string = ''

@description('Optional. Redundancy of the storage account that holds the payments tables.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Optional. Memory of each function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Upper bound of function app instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional. Prefix of the payments table names (PaymentsStorage__TablePrefix), so that several environments can share one storage account.')
param tablePrefix string = ''

@description('Required. Key that signs and verifies the admin JWTs (AdminAuth__JwtSecret); at least 32 characters, the minimum for HMAC-SHA256.')
@secure()
@minLength(32)
param adminJwtSecret string

@description('Optional. Comma-separated browser origins allowed on the /store routes (Cors__StoreOrigins), e.g. the storefront. The app answers CORS itself, so the platform CORS stays unset.')
param storeCorsOrigins string = ''

@description('Optional. Comma-separated browser origins allowed on the /admin routes (Cors__AdminOrigins), e.g. the admin dashboard.')
param adminCorsOrigins string = ''

@description('Optional. Stripe secret API key (Stripe__ApiKey); when empty the setting is left out.')
@secure()
param stripeApiKey string = ''

@description('Optional. Stripe webhook signing secret (Stripe__WebhookSecret); when empty the setting is left out.')
@secure()
param stripeWebhookSecret string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var deploymentContainerName = 'app-package-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}api-${resourceToken}'
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    tablePrefix: tablePrefix
    adminJwtSecret: adminJwtSecret
    storeCorsOrigins: storeCorsOrigins
    adminCorsOrigins: adminCorsOrigins
    stripeApiKey: stripeApiKey
    stripeWebhookSecret: stripeWebhookSecret
  }
}

module apiRoleAssignments 'app/rbac.bicep' = {
  name: 'apiRoleAssignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

module deployerRoleAssignments 'app/rbac.bicep' = if (!empty(principalId)) {
  name: 'deployerRoleAssignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: principalId
    principalType: principalType
  }
}

@description('The region of the deployment, for azd.')
output AZURE_LOCATION string = location

@description('The tenant of the deployment, for azd.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('The resource group holding every resource.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('The function app azd deploys the api service to.')
output SERVICE_API_NAME string = api.outputs.name

@description('The HTTPS base address of the payments API.')
output SERVICE_API_URI string = api.outputs.uri

@description('The storage account holding the payments tables.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('The table endpoint of the payments tables (PaymentsStorage__TableServiceUri).')
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint

@description('The client id of the app identity (PaymentsStorage__ClientId).')
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('The Application Insights connection string.')
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
