metadata description = 'The storage account behind the app: the deployment package container, the Functions host state and the payments tables. Identity-only: shared keys are disabled.'

import { resourceTags } from 'types.bicep'

@description('Required. Globally unique name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Azure region of the storage account.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the storage account.')
param tags resourceTags = {}

@description('Optional. Redundancy of the storage account; it holds the payments tables, so zone or geo redundancy may be worth its price.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

@description('Required. Name of the blob container the Flex Consumption plan deploys the app package from.')
@minLength(3)
@maxLength(63)
param deploymentContainerName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource tableService 'tableServices' = {
    name: 'default'
  }
}

@description('The name of the storage account.')
output name string = storageAccount.name

@description('The table endpoint the payments tables live behind.')
output tableEndpoint string = storageAccount.properties.primaryEndpoints.table
