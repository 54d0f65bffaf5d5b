targetScope = 'subscription'

metadata description = 'Payments.Functions on Azure: an API Management gateway serving Medusa\'s paths in front of a Flex Consumption function app that reaches Table Storage, Application Insights and its secrets in Key Vault through a user-assigned managed identity, with no shared keys.'

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

@description('Required. The commerce backend\'s JWT_SECRET (AdminAuth__JwtSecret), which signs the admin and customer JWTs; kept in Key Vault. Any length is accepted, since Medusa lets the backend use any (its starter default has 11 bytes); the app logs a warning under 32 bytes, the HMAC-SHA256 key size.')
@secure()
@minLength(1)
param adminJwtSecret string

@description('Required. The key the gateway sends the function app (Gateway__Key), which serves only requests that carry it; kept in Key Vault and in the gateway\'s secret named value gateway-key. azd generates it once and keeps it in the environment\'s configuration.')
@secure()
@minLength(32)
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 48
      noSpecial: true
    }
  }
})
param gatewayKey string

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

@description('Optional. Comma-separated outbound addresses of storefront servers that call /store on behalf of shoppers (Medusa\'s Next.js storefront). From these addresses the shopper\'s address the server forwards first in X-Forwarded-For is the client the store limit counts; otherwise every shopper of such a storefront shares one allowance.')
param trustedStorefrontAddresses string = ''

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

@description('Optional. Stripe secret API key (Stripe__ApiKey), kept in Key Vault; when empty no Stripe provider is registered.')
@secure()
param stripeApiKey string = ''

@description('Optional. Stripe webhook signing secret (Stripe__WebhookSecret), kept in Key Vault; when empty every Stripe webhook is refused.')
@secure()
param stripeWebhookSecret string = ''

@description('Optional. Stripe__Capture: pp_stripe_stripe captures at authorization instead of on the admin\'s capture.')
param stripeCapture bool = false

@description('Optional. Stripe__AutomaticPaymentMethods: Stripe chooses the payment methods when neither the provider nor the session data name any.')
param stripeAutomaticPaymentMethods bool = false

@description('Optional. Stripe__PaymentDescription: the PaymentIntent description when the session data gives none; empty leaves it out.')
param stripePaymentDescription string = ''

@description('Optional. Stripe__PaymentMethodConfiguration: a Stripe payment method configuration (pmc_...) sent when no payment method types are named; empty leaves it out.')
param stripePaymentMethodConfiguration string = ''

@description('Optional. Stripe__AsyncPaymentMethodTypes: comma-separated payment method types, beyond the built-in delayed-notification ones, whose sessions stay pending_authorization until Stripe\'s webhook; empty leaves it out.')
param stripeAsyncPaymentMethodTypes string = ''

@description('Optional. Stripe__OxxoExpiresDays: days before a voucher of pp_stripe-oxxo_stripe expires.')
@minValue(1)
@maxValue(7)
param stripeOxxoExpiresDays int = 3

@description('Optional. Stripe__ApiBase, for staging only: a Stripe-compatible server (stripe-mock) the app talks to instead of Stripe; the app refuses it with a live key. Empty: Stripe.')
param stripeApiBase string = ''

@description('Optional. Base URL of the Medusa commerce backend (CommerceBackend__Url): carts, regions, orders, customers and API keys come from it. Empty: table mode.')
param commerceBackendUrl string = ''

@description('Optional. A publishable API key of the backend for the reads of admin routes (CommerceBackend__PublishableKey); empty leaves it out.')
param commerceBackendPublishableKey string = ''

@description('Optional. A secret API key of the backend (CommerceBackend__SecretKey), kept in Key Vault; required when commerceBackendUrl is set.')
@secure()
param commerceBackendSecretKey string = ''

@description('Optional. Globally unique name of the Key Vault; defaults to kv-<token>.')
@maxLength(24)
param keyVaultName string = ''

@description('Optional. Purge protection of the Key Vault: a deleted vault and its secrets stay recoverable for 90 days whatever anyone does. On by default for a payments app; once on it cannot be turned off, and the vault name stays taken until the retention ends.')
param keyVaultEnablePurgeProtection bool = true

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var deploymentContainerName = 'app-package-${resourceToken}'

// The app's secrets: each one given is stored in Key Vault and its setting becomes a Key Vault reference.
var appSecrets = [
  {
    setting: 'AdminAuth__JwtSecret'
    secretName: 'admin-jwt-secret'
    value: adminJwtSecret
  }
  {
    setting: 'Stripe__ApiKey'
    secretName: 'stripe-api-key'
    value: stripeApiKey
  }
  {
    setting: 'Stripe__WebhookSecret'
    secretName: 'stripe-webhook-secret'
    value: stripeWebhookSecret
  }
  {
    setting: 'CommerceBackend__SecretKey'
    secretName: 'commerce-backend-secret-key'
    value: commerceBackendSecretKey
  }
  {
    setting: 'Gateway__Key'
    secretName: 'gateway-key'
    value: gatewayKey
  }
]
var givenSecrets = filter(appSecrets, secret => !empty(secret.value))

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

module keyVault 'app/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    readerPrincipalId: identity.outputs.principalId
    enablePurgeProtection: keyVaultEnablePurgeProtection
    secretNames: map(appSecrets, secret => secret.secretName)
    secrets: toObject(appSecrets, secret => secret.secretName, secret => secret.value)
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
    // Through the vault's outputs the app also waits for its Key Vault Secrets User role: its references resolve at start.
    keyVaultUri: keyVault.outputs.vaultUri
    vaultedSettings: map(givenSecrets, secret => { setting: secret.setting, secretName: secret.secretName })
    stripeOptions: {
      capture: stripeCapture
      automaticPaymentMethods: stripeAutomaticPaymentMethods
      paymentDescription: empty(stripePaymentDescription) ? null : stripePaymentDescription
      paymentMethodConfiguration: empty(stripePaymentMethodConfiguration) ? null : stripePaymentMethodConfiguration
      asyncPaymentMethodTypes: empty(stripeAsyncPaymentMethodTypes) ? null : stripeAsyncPaymentMethodTypes
      oxxoExpiresDays: stripeOxxoExpiresDays
      apiBase: empty(stripeApiBase) ? null : stripeApiBase
    }
    commerceBackendUrl: commerceBackendUrl
    commerceBackendPublishableKey: commerceBackendPublishableKey
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
    gatewayKey: gatewayKey
    adminJwtSecret: adminJwtSecret
    trustedStorefrontAddresses: trustedStorefrontAddresses
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

@description('The Key Vault holding the app\'s secrets; set a new version of a secret there to rotate it.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('The client id of the app identity (PaymentsStorage__ClientId).')
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('The Application Insights connection string.')
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
