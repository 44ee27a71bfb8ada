variable "primary_region" {
  type    = string
  default = "us-east-1"
}

variable "domain" {
  type    = string
  default = "shop.example"
}

variable "zone_id" {
  type        = string
  description = "Hosted zone of the domain, created elsewhere"
}

variable "api_instances" {
  type    = number
  default = 4
}

locals {
  api_name = "api.${var.domain}"
  ttl      = 60
}
