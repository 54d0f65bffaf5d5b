metadata description = 'Log Analytics and a workspace-based Application Insights that accepts Entra ID-authenticated telemetry only.'

import { resourceTags } from 'types.bicep'

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Optional. Azure region of both resources.')
param location string = resourceGroup().location

@description('Optional. Tags applied to both resources.')
param tags resourceTags = {}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    retentionInDays: 30
    sku: {
      name: 'PerGB2018'
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // The app authenticates with its managed identity (Monitoring Metrics Publisher), so the key in the connection string alone is not enough to send telemetry.
    DisableLocalAuth: true
  }
}

@description('The name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('The Application Insights connection string (an ingestion address, not a secret, since local authentication is disabled).')
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
