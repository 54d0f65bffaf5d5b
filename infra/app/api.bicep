metadata description = 'The Flex Consumption plan and the function app (dotnet-isolated 10.0) running as a user-assigned identity, with the settings the app reads.'

import { resourceTags, stripeOptions as stripeOptionsType, vaultedSetting } from 'types.bicep'

@description('Required. Globally unique name of the function app.')
@minLength(2)
@maxLength(60)
param name string

@description('Required. Name of the Flex Consumption plan.')
param planName string

@description('Optional. Azure region of the plan and the app.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the plan and the app.')
param tags resourceTags = {}

@description('Required. Name of the user-assigned identity the app runs as.')
param identityName string

@description('Required. Name of the storage account holding the deployment container, the host state and the payments tables.')
param storageAccountName string

@description('Required. Name of the blob container the plan deploys the app package from.')
param deploymentContainerName string

@description('Required. Name of the Application Insights component the app sends telemetry to.')
param applicationInsightsName string

@description('Optional. Memory of each instance in MB; the plan sizes CPU with it.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Upper bound of instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional. Prefix of the payments table names, so that several environments can share one storage account.')
param tablePrefix string = ''

@description('Required. URI of the Key Vault holding the app\'s secrets.')
param keyVaultUri string

@description('Required. The app settings whose values are Key Vault secrets (AdminAuth__JwtSecret at least): each becomes a Key Vault reference resolved as the app identity.')
param vaultedSettings vaultedSetting[]

@description('Optional. Stripe options besides the secrets; each one set becomes its Stripe__<Option> setting, the others keep the app\'s defaults.')
param stripeOptions stripeOptionsType = {}

@description('Optional. Base URL of the Medusa commerce backend (CommerceBackend__Url); empty runs the app in table mode.')
param commerceBackendUrl string = ''

@description('Optional. A publishable API key of the backend for the reads of admin routes (CommerceBackend__PublishableKey); publishable keys are public.')
param commerceBackendPublishableKey string = ''

// azd deploys the service named 'api' in azure.yaml to the resource carrying this tag.
var azdServiceName = 'api'

// Versionless references: the app picks up a new secret version on its own (within a day, or at once on restart).
var secretReferences = toObject(
  vaultedSettings,
  vaulted => vaulted.setting,
  vaulted => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${vaulted.secretName})'
)

// The Stripe options that were set, under their app setting names (Stripe__Capture for capture, ...).
var stripeSettings = toObject(
  filter(items(stripeOptions), option => option.value != null),
  option => 'Stripe__${toUpper(take(option.key, 1))}${skip(option.key, 1)}',
  option => string(option.value)
)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve as this identity, the one holding Key Vault Secrets User on the vault.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Browsers call the gateway, which answers CORS; the host answers any preflight that reaches it itself, from this
      // list, so it grants nothing.
      cors: {
        allowedOrigins: []
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Code arrives only through the deployment container, as the identity: no user name and password can publish to the
  // app or reach its SCM site.
  resource scmBasicCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  resource ftpBasicCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(
      {
        AzureWebJobsStorage__credential: 'managedidentity'
        AzureWebJobsStorage__clientId: identity.properties.clientId
        AzureWebJobsStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
        AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
        AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
        APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        PaymentsStorage__TableServiceUri: storageAccount.properties.primaryEndpoints.table
        PaymentsStorage__ClientId: identity.properties.clientId
        PaymentsStorage__TablePrefix: tablePrefix
      },
      secretReferences,
      stripeSettings,
      empty(commerceBackendUrl) ? {} : { CommerceBackend__Url: commerceBackendUrl },
      empty(commerceBackendPublishableKey) ? {} : { CommerceBackend__PublishableKey: commerceBackendPublishableKey }
    )
  }
}

@description('The name of the function app.')
output name string = functionApp.name

