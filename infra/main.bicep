targetScope = 'subscription'

metadata description = 'Payments.Functions on Azure: an API Management gateway serving Medusa\'s paths in front of a Flex Consumption function app that reaches Table Storage and Application Insights through a user-assigned managed identity, with no shared keys.'

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

@description('Optional. Comma-separated browser origins the gateway grants on /store, e.g. the storefront (locally: Cors:StoreOrigins). The platform CORS of the function app stays empty: browsers reach only the gateway.')
param storeCorsOrigins string = ''

@description('Optional. Comma-separated browser origins the gateway grants on /admin, e.g. the admin dashboard (locally: Cors:AdminOrigins).')
param adminCorsOrigins string = ''

@description('Optional. Pricing tier of the API Management gateway. Consumption (the default) is billed per call and scales to zero, but has no rate-limit-by-key: there each client is held to concurrentRequestsPerClient requests in flight and maximumInstanceCount bounds the app. BasicV2 and StandardV2 limit requests per minute per client.')
@allowed([
  'Consumption'
  'BasicV2'
  'StandardV2'
])
param apiManagementSku string = 'Consumption'

@description('Required. E-mail address API Management sends its notifications to.')
@minLength(1)
param apiManagementPublisherEmail string

@description('Optional. Globally unique name of the API Management service; defaults to apim-<token>.')
@maxLength(50)
param apiManagementName string = ''

@description('Optional. Requests per minute one client address may make on /store and /health (tiers other than Consumption).')
@minValue(1)
@maxValue(100000)
param storeRequestsPerMinute int = 300

@description('Optional. Requests per minute one admin credential may make on /admin (tiers other than Consumption).')
@minValue(1)
@maxValue(100000)
param adminRequestsPerMinute int = 600

@description('Optional. Requests one client may have in flight at once on the Consumption tier.')
@minValue(1)
@maxValue(1000)
param concurrentRequestsPerClient int = 10

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
    stripeApiKey: stripeApiKey
    stripeWebhookSecret: stripeWebhookSecret
  }
  // The host reaches its storage (keys, leases, the package) as the identity from its first start: roles first.
  dependsOn: [
    apiRoleAssignments
  ]
}

module gateway 'app/gateway.bicep' = {
  name: 'gateway'
  scope: rg
  params: {
    name: !empty(apiManagementName) ? apiManagementName : '${abbrs.apiManagementService}${resourceToken}'
    location: location
    tags: tags
    skuName: apiManagementSku
    publisherEmail: apiManagementPublisherEmail
    functionAppName: api.outputs.name
    storeCorsOrigins: storeCorsOrigins
    adminCorsOrigins: adminCorsOrigins
    storeRequestsPerMinute: storeRequestsPerMinute
    adminRequestsPerMinute: adminRequestsPerMinute
    concurrentRequestsPerClient: concurrentRequestsPerClient
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

@description('The base address of the payments API: the gateway, which serves Medusa\'s paths (the function app answers only the gateway).')
output API_BASE_URL string = gateway.outputs.gatewayUrl

@description('The API Management service of the gateway.')
output AZURE_API_MANAGEMENT_NAME string = gateway.outputs.name

@description('The storage account holding the payments tables.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('The table endpoint of the payments tables (PaymentsStorage__TableServiceUri).')
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint

@description('The client id of the app identity (PaymentsStorage__ClientId).')
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('The Application Insights connection string.')
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
