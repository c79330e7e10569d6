// The whole deployment, for the Azure Developer CLI (`azd up`, azure.yaml): a resource group
// and everything in resources.bicep. Laid out like azd's Functions templates; resources are
// declared directly (no registry modules), so that `bicep build` checks this folder offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('The azd environment name: names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of the storage account, the Function app (Flex Consumption) and monitoring.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Region of the Static Web App (a few regions host them; it serves files worldwide).')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

@minLength(2)
@maxLength(10)
@description('Lower-case letters and digits that start every resource name.')
param namePrefix string = 'bcm'

@description('The Microsoft Entra tenant whose users sign in (empty: the subscription\'s tenant).')
param tenantId string = ''

@minLength(36)
@maxLength(36)
@description('Client id of the add-in\'s Entra app registration (scripts/entra-app.cjs makes it): the API\'s token audience.')
param entraClientId string

@description('Where the add-in is served, https and no path (empty: the Static Web App\'s own address). The API lets only this origin call it.')
param addinUrl string = ''

@description('The scope the add-in asks for, exposed by the app registration.')
param apiScopeName string = 'access_as_user'

@description('Prefix of the two table names (<prefix>data, <prefix>users).')
param tablePrefix string = 'bcm'

@description('Redundancy of the storage account that holds the data.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_GZRS', 'Standard_RAGZRS'])
param storageSku string = 'Standard_GRS'

var tags = { 'azd-env-name': environmentName }
var signInTenant = empty(tenantId) ? tenant().tenantId : tenantId

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${namePrefix}-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'resources'
  scope: rg
  params: {
    location: location
    staticWebAppLocation: staticWebAppLocation
    tags: tags
    namePrefix: toLower(namePrefix)
    resourceToken: toLower(uniqueString(subscription().id, environmentName, location))
    tenantId: signInTenant
    entraClientId: entraClientId
    addinUrl: addinUrl
    apiScopeName: apiScopeName
    tablePrefix: tablePrefix
    storageSku: storageSku
  }
}

// azd keeps these in the environment (.azure/<env>/.env): the add-in build reads the BCM_ ones
// (npm run build; scripts/build-settings.cjs), and the hooks in azure.yaml read BCM_ADDIN_URL.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = signInTenant
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output AZURE_FUNCTION_APP_NAME string = resources.outputs.functionAppName
output BCM_API_URL string = resources.outputs.apiUrl
output BCM_ADDIN_URL string = resources.outputs.addinUrl
output BCM_PANE_AUTH string = 'naa'
output BCM_ENTRA_CLIENT_ID string = entraClientId
output BCM_ENTRA_AUTHORITY string = '${environment().authentication.loginEndpoint}${signInTenant}'
output BCM_API_SCOPE string = 'api://${entraClientId}/${apiScopeName}'
// "Find e-mails" searches the mailbox through Microsoft Graph (the global service; a national
// cloud's Graph has another address).
output BCM_GRAPH_URL string = 'https://graph.microsoft.com/v1.0'
