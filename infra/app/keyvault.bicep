metadata description = 'The Key Vault holding the app\'s secrets (RBAC authorization, soft delete with purge protection), the secrets that were given, and the Key Vault Secrets User role of the app identity on it.'

import { resourceTags } from 'types.bicep'

@description('Required. Globally unique name of the Key Vault (3 to 24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Azure region of the vault.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the vault.')
param tags resourceTags = {}

@description('Required. Object id of the app identity, which reads the secrets through Key Vault references.')
param readerPrincipalId string

@description('Optional. Whether a deleted vault and its secrets stay recoverable until the retention ends, even against a purge. Cannot be turned off once on.')
param enablePurgeProtection bool = true

@description('Optional. Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Required. The names of the secrets the app may have, each a key of secrets.')
param secretNames string[]

@description('Required. The values of the secrets, by secret name; an empty value stores nothing.')
@secure()
param secrets object

// Built-in role definition id (the same in every tenant): read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // ARM accepts only true or absent here.
    enablePurgeProtection: enablePurgeProtection ? true : null
    // The Flex Consumption app reaches the vault over its public endpoint; Entra ID and RBAC decide who reads.
    publicNetworkAccess: 'Enabled'
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
  }
}

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = [
  // Counted over the names, not the secure object: a copy count must be known before the deployment starts.
  for secretName in secretNames: if (!empty(secrets[secretName])) {
    parent: vault
    name: secretName
    properties: {
      value: secrets[secretName]
      contentType: 'text/plain'
    }
  }
]

resource secretsUserRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    description: 'Key Vault Secrets User: the app resolves its Key Vault references as its user-assigned identity.'
  }
}

@description('The name of the vault.')
output name string = vault.name

@description('The vault\'s URI, for Key Vault references.')
output vaultUri string = vault.properties.vaultUri
