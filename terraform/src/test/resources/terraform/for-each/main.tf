# Failover records, health checks and a DynamoDB global table written with for_each, count and a
# dynamic block; the sites and replica regions come from terraform.tfvars.json (read automatically).
provider "aws" {
  region = var.home_region
}

variable "home_region" {
  type = string
}

variable "sites" {
  type = map(object({ ip = string, role = string }))
}

variable "replica_regions" {
  type    = list(string)
  default = []
}

variable "canaries" {
  type    = number
  default = 0
}

resource "aws_route53_zone" "main" {
  name = "example.com"
}

resource "aws_route53_health_check" "api" {
  for_each          = var.sites
  ip_address        = each.value.ip
  port              = 443
  type              = "HTTPS"
  resource_path     = "/healthz"
  failure_threshold = 3
  request_interval  = 10
}

resource "aws_route53_record" "www" {
  for_each        = var.sites
  zone_id         = aws_route53_zone.main.zone_id
  name            = "www.example.com"
  type            = "A"
  ttl             = 60
  records         = [each.value.ip]
  set_identifier  = "www-${each.key}"
  health_check_id = aws_route53_health_check.api[each.key].id

  failover_routing_policy {
    type = each.value.role
  }
}

resource "aws_route53_health_check" "canary" {
  count             = var.canaries
  fqdn              = "canary-${count.index}.example.com"
  type              = "HTTPS"
  request_interval  = 30
}

resource "aws_dynamodb_table" "carts" {
  name         = "carts"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  dynamic "replica" {
    for_each = var.replica_regions
    content {
      region_name = replica.value
    }
  }
}
