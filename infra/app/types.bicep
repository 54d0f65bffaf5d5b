metadata description = 'Types shared by the modules of this deployment.'

@export()
@description('Resource tags: string values by tag name.')
type resourceTags = {
  *: string
}
