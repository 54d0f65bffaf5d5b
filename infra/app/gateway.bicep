metadata description = 'The API Management gateway that serves the public API: Medusa\'s paths from docs/openapi.json, CORS per API, a rate or concurrency limit per client, each operation forwarded to its function route with the function key.'

import { resourceTags } from 'types.bicep'

@description('Required. Globally unique name of the API Management service.')
@minLength(1)
@maxLength(50)
param name string

@description('Optional. Azure region of the gateway.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the gateway.')
param tags resourceTags = {}

@description('Optional. Pricing tier. Consumption is billed per call and scales to zero but offers no rate-limit-by-key: there each client is held to a number of requests in flight (limit-concurrency) and the function app\'s maximumInstanceCount bounds the rest. BasicV2 and StandardV2 limit each client\'s requests per minute.')
@allowed([
  'Consumption'
  'BasicV2'
  'StandardV2'
])
param skuName string = 'Consumption'

@description('Required. E-mail address API Management sends its notifications to.')
@minLength(1)
param publisherEmail string

@description('Optional. Organisation name shown by API Management.')
@minLength(1)
param publisherName string = 'Payments.Functions'

@description('Required. Name of the function app the gateway forwards to.')
param functionAppName string

@description('Required. The key the function app serves requests with (its Gateway__Key); the backend sends it on every forwarded request.')
@secure()
@minLength(32)
param gatewayKey string

@description('Required. The commerce backend\'s JWT_SECRET: the gateway verifies admin Bearer JWTs with it before their actor_id keys a rate limit.')
@secure()
@minLength(1)
param adminJwtSecret string

@description('Optional. Comma-separated addresses of storefront servers that call /store for their shoppers; from them the shopper\'s address in X-Forwarded-For is the client the limits count.')
param trustedStorefrontAddresses string = ''

@description('Optional. Comma-separated browser origins granted on /store (the storefront).')
param storeCorsOrigins string = ''

@description('Optional. Comma-separated browser origins granted on /admin (the admin dashboard).')
param adminCorsOrigins string = ''

@description('Optional. Requests per minute one client address may make on /store and /health (tiers other than Consumption).')
@minValue(1)
@maxValue(100000)
param storeRequestsPerMinute int = 300

@description('Optional. Requests per minute one admin credential may make on /admin (tiers other than Consumption).')
@minValue(1)
@maxValue(100000)
param adminRequestsPerMinute int = 600

@description('Optional. Requests one client may have in flight at once (Consumption tier, which has no rate-limit-by-key).')
@minValue(1)
@maxValue(1000)
param concurrentRequestsPerClient int = 10

// docs/openapi.json (OpenAPI 3.1, the contract) rendered as OpenAPI 3.0.3, which API Management's importer reads.
var openApi = loadJsonContent('gateway-openapi.json')
var operationMethods = [
  'get'
  'put'
  'post'
  'delete'
  'patch'
  'head'
  'options'
]
var ratePerMinuteOffered = skuName != 'Consumption'

// Every operation of the document: its public path and method, its resource name and its function route.
var allOperations = flatten(map(
  items(openApi.paths),
  path => map(filter(items(path.value), operation => contains(operationMethods, operation.key)), operation => {
    path: path.key
    method: operation.key
    name: toLower(operation.value.operationId)
    functionRoute: operation.value['x-function-route']
  })
))
var storeClientKey = replace(
  loadTextContent('policies/client-ip.xml'),
  '__TRUSTED_ADDRESSES__',
  join(filter(map(split(trustedStorefrontAddresses, ','), address => trim(address)), address => !empty(address)), ',')
)

// The APIs of the gateway, each the paths of docs/openapi.json under its first segment (the root API takes the rest).
var apis = [
  {
    name: 'store'
    displayName: 'Payments store API'
    path: 'store'
    corsOrigins: storeCorsOrigins
    clientKey: storeClientKey
    requestsPerMinute: storeRequestsPerMinute
  }
  {
    name: 'admin'
    displayName: 'Payments admin API'
    path: 'admin'
    corsOrigins: adminCorsOrigins
    clientKey: loadTextContent('policies/client-credential.xml')
    requestsPerMinute: adminRequestsPerMinute
  }
  {
    // Provider webhooks: no browser calls them and providers redeliver what fails, so no CORS and no limit; the app
    // verifies each signature before any storage call.
    name: 'hooks'
    displayName: 'Payments provider webhooks'
    path: 'hooks'
    corsOrigins: ''
    clientKey: ''
    requestsPerMinute: 0
  }
  {
    name: 'health'
    displayName: 'Payments health check'
    path: ''
    corsOrigins: ''
    clientKey: storeClientKey
    requestsPerMinute: storeRequestsPerMinute
  }
]
var prefixedApiPaths = map(filter(apis, api => !empty(api.path)), api => api.path)

func ownsPath(apiPath string, prefixedPaths array, path string) bool =>
  empty(apiPath) ? empty(filter(prefixedPaths, prefix => startsWith(path, '/${prefix}/'))) : startsWith(path, '/${apiPath}/')

// Whether a template's parameter segments match another operation's literal path (/admin/payments/{id} and
// /admin/payments/payment-providers): which of the two API Management picks is not documented.
func captures(template string, path string) bool =>
  template != path && length(split(template, '/')) == length(split(path, '/')) && empty(filter(
    range(0, length(split(template, '/'))),
    i => split(template, '/')[i] != split(path, '/')[i] && !startsWith(split(template, '/')[i], '{')
  ))

func relativePath(apiPath string, path string) string => empty(apiPath) ? path : substring(path, length(apiPath) + 1)

// Preflights advertise the methods the API's operations serve, and nothing else.
func corsPolicy(origins string, operations array) string =>
  empty(filter(split(origins, ','), origin => !empty(trim(origin))))
    ? ''
    : replace(
        replace(
          loadTextContent('policies/cors.xml'),
          '__ORIGINS__',
          join(map(filter(split(origins, ','), origin => !empty(trim(origin))), origin => '<origin>${trim(origin)}</origin>'), '')
        ),
        '__METHODS__',
        join(map(sort(union(map(operations, operation => toUpper(operation.method)), []), (a, b) => a < b), method => '<method>${method}</method>'), '')
      )

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource service 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    capacity: skuName == 'Consumption' ? 0 : 1
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
}

// The function app serves only requests that carry its gateway key. The value comes from the deployment, not from the
// running app: a host key (listKeys on host/default) exists only once the host has started, after the first provisioning.
resource gatewayKeyValue 'Microsoft.ApiManagement/service/namedValues@2024-05-01' = {
  parent: service
  name: 'gateway-key'
  properties: {
    displayName: 'gateway-key'
    secret: true
    value: gatewayKey
  }
}

// validate-jwt takes a symmetric key base64-encoded.
resource adminJwtSecretValue 'Microsoft.ApiManagement/service/namedValues@2024-05-01' = {
  parent: service
  name: 'admin-jwt-secret-base64'
  properties: {
    displayName: 'admin-jwt-secret-base64'
    secret: true
    value: base64(adminJwtSecret)
  }
}

resource backend 'Microsoft.ApiManagement/service/backends@2024-05-01' = {
  parent: service
  name: 'payments-functions'
  properties: {
    description: 'The Payments.Functions function app.'
    protocol: 'http'
    url: 'https://${functionApp.properties.defaultHostName}'
    credentials: {
      header: {
        'x-payments-gateway-key': [
          '{{${gatewayKeyValue.name}}}'
        ]
      }
    }
    tls: {
      validateCertificateChain: true
      validateCertificateName: true
    }
  }
}

resource gatewayPolicy 'Microsoft.ApiManagement/service/policies@2024-05-01' = {
  parent: service
  name: 'policy'
  properties: {
    format: 'xml'
    value: replace(loadTextContent('policies/gateway.xml'), '__TOO_MANY_REQUESTS__', loadTextContent('policies/too-many-requests.xml'))
  }
  dependsOn: [
    backend
  ]
}

module gatewayApis 'gateway-api.bicep' = [
  for api in apis: {
    name: 'gateway-api-${api.name}'
    params: {
      serviceName: service.name
      name: api.name
      displayName: api.displayName
      path: api.path
      backendUrl: backend.properties.url
      openApiDocument: string({
        openapi: openApi.openapi
        info: union(openApi.info, { title: api.displayName })
        paths: toObject(
          filter(items(openApi.paths), path => ownsPath(api.path, prefixedApiPaths, path.key)),
          path => relativePath(api.path, path.key),
          path => path.value
        )
        components: openApi.components
      })
      operations: map(filter(allOperations, operation => ownsPath(api.path, prefixedApiPaths, operation.path)), operation => {
        name: operation.name
        functionRoute: operation.functionRoute
        literalPaths: map(
          filter(allOperations, other => other.method == operation.method && captures(operation.path, other.path)),
          other => {
            path: other.path
            functionRoute: other.functionRoute
          }
        )
      })
      policy: replace(
        replace(
          replace(
            replace(loadTextContent('policies/api.xml'), '__CORS__', corsPolicy(api.corsOrigins, filter(allOperations, operation => ownsPath(api.path, prefixedApiPaths, operation.path)))),
            '__CLIENT_KEY__',
            api.clientKey
          ),
          '__RATE_LIMIT__',
          ratePerMinuteOffered && api.requestsPerMinute > 0
            ? replace(loadTextContent('policies/rate-limit-by-key.xml'), '__CALLS__', string(api.requestsPerMinute))
            : ''
        ),
        '__BACKEND__',
        !ratePerMinuteOffered && api.requestsPerMinute > 0
          ? replace(loadTextContent('policies/limit-concurrency.xml'), '__MAX_COUNT__', string(concurrentRequestsPerClient))
          : '<base />'
      )
    }
    dependsOn: [
      gatewayPolicy
      adminJwtSecretValue
    ]
  }
]

@description('The name of the API Management service.')
output name string = service.name

@description('The public base address of the API: Medusa\'s paths are served under it.')
output gatewayUrl string = service.properties.gatewayUrl
