resource "aws_route53_zone" "shop" {
  name = "shop.example."
}

resource "aws_route53_health_check" "use1" {
  fqdn              = "use1.shop.example"
  type              = "HTTPS"
  resource_path     = "/healthz"
  failure_threshold = 2
  request_interval  = 10
}

resource "aws_route53_health_check" "usw2" {
  fqdn              = "usw2.shop.example"
  type              = "HTTPS"
  resource_path     = "/healthz"
  failure_threshold = 2
  request_interval  = 10
}

resource "aws_route53_health_check" "euw1" {
  fqdn              = "euw1.shop.example"
  type              = "HTTPS"
  resource_path     = "/healthz"
  failure_threshold = 2
  request_interval  = 10
}

# Healthy while at least two regions are.
resource "aws_route53_health_check" "quorum" {
  type                   = "CALCULATED"
  child_health_threshold = 2
  child_healthchecks = [
    aws_route53_health_check.use1.id,
    aws_route53_health_check.usw2.id,
    aws_route53_health_check.euw1.id,
  ]
}

resource "aws_route53_record" "api_use1" {
  zone_id         = aws_route53_zone.shop.zone_id
  name            = "api.shop.example"
  type            = "A"
  ttl             = 30
  records         = ["198.51.100.1"]
  set_identifier  = "use1"
  health_check_id = aws_route53_health_check.use1.id

  latency_routing_policy {
    region = "us-east-1"
  }
}

resource "aws_route53_record" "api_usw2" {
  zone_id         = aws_route53_zone.shop.zone_id
  name            = "api.shop.example"
  type            = "A"
  ttl             = 30
  records         = ["198.51.100.2"]
  set_identifier  = "usw2"
  health_check_id = aws_route53_health_check.usw2.id

  latency_routing_policy {
    region = "us-west-2"
  }
}

resource "aws_route53_record" "api_euw1" {
  zone_id         = aws_route53_zone.shop.zone_id
  name            = "api.shop.example"
  type            = "A"
  ttl             = 30
  records         = ["198.51.100.3"]
  set_identifier  = "euw1"
  health_check_id = aws_route53_health_check.euw1.id

  latency_routing_policy {
    region = "eu-west-1"
  }
}

resource "aws_route53_record" "status" {
  zone_id         = aws_route53_zone.shop.zone_id
  name            = "status.shop.example"
  type            = "A"
  ttl             = 60
  records         = ["198.51.100.9"]
  set_identifier  = "quorum"
  health_check_id = aws_route53_health_check.quorum.id
  multivalue_answer_routing_policy = true
}

# www follows api by weight, but without evaluating api's health.
resource "aws_route53_record" "www_a" {
  zone_id        = aws_route53_zone.shop.zone_id
  name           = "www.shop.example"
  type           = "A"
  set_identifier = "www-a"

  weighted_routing_policy {
    weight = 100
  }

  alias {
    name                   = aws_route53_record.api_use1.name
    zone_id                = aws_route53_zone.shop.zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "eu_users" {
  zone_id        = aws_route53_zone.shop.zone_id
  name           = "eu.shop.example"
  type           = "CNAME"
  ttl            = 300
  records        = ["api.shop.example"]
  set_identifier = "europe"

  geolocation_routing_policy {
    continent = "EU"
  }
}
