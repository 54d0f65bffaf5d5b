metadata description = 'One API of the gateway: its operations imported from its part of docs/openapi.json, its policy (CORS, limit) and one rewrite to the function route per operation.'

@description('Required. Name of the API Management service the API belongs to.')
param serviceName string

@description('Required. Name of the API.')
param name string

@description('Required. Name shown for the API.')
param displayName string

@description('Required. First path segment the API serves under; empty for the root API.')
param path string

@description('Required. Base address of the function app, the API\'s service URL.')
param backendUrl string

@description('Required. The API\'s OpenAPI 3.0.3 document (JSON, the version API Management\'s importer reads), its paths relative to the API\'s path.')
param openApiDocument string

@description('Required. Each operation\'s resource name (its operationId, lower case), function route, and the literal public paths of other operations its template also matches, each with its function route.')
param operations array

@description('Required. The API policy (XML).')
param policy string

var rewrite = loadTextContent('policies/rewrite.xml')
var literalPath = loadTextContent('policies/literal-path.xml')

resource service 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: serviceName
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: service
  name: name
  properties: {
    displayName: displayName
    path: path
    protocols: [
      'https'
    ]
    apiType: 'http'
    format: 'openapi+json'
    value: openApiDocument
    serviceUrl: backendUrl
    // Storefronts and admin clients hold no API Management subscription key: the app authenticates them.
    subscriptionRequired: false
    // A missing required query parameter (region_id) must reach the app and get its Medusa 400, not a gateway 404.
    translateRequiredQueryParameters: 'query'
  }
}

resource apiPolicy 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'xml'
    value: policy
  }
}

resource importedOperations 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' existing = [
  for operation in operations: {
    parent: api
    name: operation.name
  }
]

resource rewrites 'Microsoft.ApiManagement/service/apis/operations/policies@2024-05-01' = [
  for (operation, index) in operations: {
    parent: importedOperations[index]
    name: 'policy'
    properties: {
      format: 'xml'
      // A request for a literal path the operation's template also matches goes to that path's function, whichever
      // operation API Management matched it to.
      value: replace(
        loadTextContent('policies/operation.xml'),
        '__REWRITE__',
        empty(operation.literalPaths)
          ? replace(rewrite, '__FUNCTION_ROUTE__', operation.functionRoute)
          : '<choose>${join(map(operation.literalPaths, literal => replace(replace(literalPath, '__PUBLIC_PATH__', literal.path), '__REWRITE__', replace(rewrite, '__FUNCTION_ROUTE__', literal.functionRoute))), '')}<otherwise>${replace(rewrite, '__FUNCTION_ROUTE__', operation.functionRoute)}</otherwise></choose>'
      )
    }
  }
]
