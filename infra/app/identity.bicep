metadata description = 'The user-assigned managed identity the function app runs as: one principal for storage, deployment and telemetry.'

import { resourceTags } from 'types.bicep'

@description('Required. Name of the user-assigned managed identity.')
param name string

@description('Optional. Azure region of the identity.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the identity.')
param tags resourceTags = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('The name of the identity.')
output name string = identity.name

@description('The resource id of the identity.')
output resourceId string = identity.id

@description('The object (principal) id of the identity, the subject of its role assignments.')
output principalId string = identity.properties.principalId

@description('The client id of the identity, which the app passes to its token credentials.')
output clientId string = identity.properties.clientId
