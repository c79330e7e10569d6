// Everything the product runs on, in one resource group (main.bicep makes it):
// - a storage account whose Table service holds the data (shared-key access off: only Entra
//   identities reach it), and a blob container for the Function app's deployment package;
// - a user-assigned managed identity, the Function app's only way into storage and monitoring;
// - the API: an Azure Functions app on the Flex Consumption plan, Node 22;
// - Application Insights on a Log Analytics workspace (local authentication off);
// - a Static Web App serving the add-in's files (dist/, with dist/staticwebapp.config.json's
//   headers: the Content-Security-Policy and friends).
param location string
param staticWebAppLocation string
param tags object
param namePrefix string
param resourceToken string
param tenantId string
param entraClientId string
param addinUrl string
param apiScopeName string
param tablePrefix string
param storageSku string

var functionAppName = '${namePrefix}-api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'
var loginEndpoint = environment().authentication.loginEndpoint

// Built-in role definitions (the same ids in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-log-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-appi-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Only Entra identities may send telemetry: the Function app's, by its role below.
    DisableLocalAuth: true
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id-${resourceToken}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '${namePrefix}${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: storageSku }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }

  resource blobs 'blobServices' = {
    name: 'default'
    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: { publicAccess: 'None' }
    }
  }

  resource tables 'tableServices' = {
    name: 'default'
    resource data 'tables' = {
      name: '${tablePrefix}data'
    }
    resource users 'tables' = {
      name: '${tablePrefix}users'
    }
  }
}

// The deployment package's container and the Functions host's own state (AzureWebJobsStorage).
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// The data: the API's repository reads and writes the two tables (and makes them if missing).
resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/staticSites@2024-04-01' = {
  name: '${namePrefix}-web-${resourceToken}'
  location: staticWebAppLocation
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: { name: 'Free', tier: 'Free' }
  // Files come from azd (its deployment token), not from a repository's build.
  properties: { provider: 'Custom' }
}

var addin = empty(addinUrl) ? 'https://${web.properties.defaultHostname}' : addinUrl

resource api 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // Empty on purpose: the API answers CORS itself, for BCM_ALLOWED_ORIGINS only.
      cors: { allowedOrigins: [] }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: 40
      }
      runtime: { name: 'node', version: '22' }
    }
  }

  // Every setting the API reads in Azure (api/src/config.ts, AZURE_SETTING_NAMES; a test holds
  // the two lists together), and the host's own. No key, no connection string, no secret.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      AzureWebJobsStorage__accountName: storage.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      BCM_AUTH: 'entra'
      BCM_ALLOWED_ORIGINS: addin
      BCM_ENTRA_ISSUER: '${loginEndpoint}${tenantId}/v2.0'
      BCM_ENTRA_AUDIENCE: entraClientId
      BCM_ENTRA_JWKS_URL: '${loginEndpoint}${tenantId}/discovery/v2.0/keys'
      BCM_ENTRA_SCOPE: apiScopeName
      BCM_TABLE_PREFIX: tablePrefix
      BCM_STORAGE_TABLE_ENDPOINT: storage.properties.primaryEndpoints.table
      BCM_STORAGE_CLIENT_ID: identity.properties.clientId
    }
    dependsOn: [blobOwner, tableContributor, metricsPublisher]
  }

  // Deployments go through Entra (azd uses the signed-in administrator), never a publish password.
  resource ftp 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: { allow: false }
  }
  resource scm 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: { allow: false }
  }
}

output storageAccountName string = storage.name
output functionAppName string = api.name
output apiUrl string = 'https://${api.properties.defaultHostName}/api'
output addinUrl string = addin
