resource "aws_route53_health_check" "api_use1" {
  fqdn              = "api-use1.${var.domain}"
  type              = "HTTPS"
  port              = 443
  resource_path     = "/healthz"
  search_string     = "ok"
  failure_threshold = 3
  request_interval  = 10
  regions           = ["us-east-1", "us-west-1", "eu-west-1"]
}

resource "aws_route53_health_check" "api_usw2" {
  provider          = aws.west
  fqdn              = "api-usw2.${var.domain}"
  type              = "HTTPS"
  resource_path     = "/healthz"
  failure_threshold = 3
  request_interval  = 10
}

resource "aws_route53_record" "api_primary" {
  zone_id         = var.zone_id
  name            = local.api_name
  type            = "A"
  set_identifier  = "primary-use1"
  health_check_id = aws_route53_health_check.api_use1.id

  failover_routing_policy {
    type = "PRIMARY"
  }

  alias {
    name                   = aws_lb.use1.dns_name
    zone_id                = aws_lb.use1.zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "api_secondary" {
  zone_id         = var.zone_id
  name            = local.api_name
  type            = "A"
  set_identifier  = "secondary-usw2"
  health_check_id = aws_route53_health_check.api_usw2.id

  failover_routing_policy {
    type = "SECONDARY"
  }

  alias {
    name                   = aws_lb.usw2.dns_name
    zone_id                = aws_lb.usw2.zone_id
    evaluate_target_health = true
  }
}
