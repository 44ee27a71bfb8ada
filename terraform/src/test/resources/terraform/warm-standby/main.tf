# Warm standby: eu-west-1 serves, eu-central-1 runs a smaller copy that takes over in minutes.
provider "aws" {
  region = var.regions.primary
}

provider "aws" {
  alias  = "standby"
  region = var.regions.standby
}

variable "regions" {
  type = object({ primary = string, standby = string })
}

variable "environment" {
  type    = string
  default = "prod"
}

resource "aws_route53_zone" "main" {
  name = "payments.example"
}

# Standard interval: 30 s between checks (Route 53's default, the cheaper one).
resource "aws_route53_health_check" "primary" {
  ip_address        = "203.0.113.10"
  port              = 8443
  type              = "HTTPS_STR_MATCH"
  resource_path     = "/health"
  search_string     = "UP"
  failure_threshold = 3
  request_interval  = 30
}

resource "aws_route53_health_check" "standby" {
  ip_address        = "203.0.113.20"
  port              = 8443
  type              = "HTTPS"
  resource_path     = "/health"
  failure_threshold = 3
  request_interval  = 30
}

resource "aws_route53_record" "pay_primary" {
  zone_id         = aws_route53_zone.main.zone_id
  name            = "pay.payments.example"
  type            = "A"
  ttl             = 30
  records         = ["203.0.113.10"]
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.primary.id

  failover_routing_policy {
    type = "PRIMARY"
  }
}

# The secondary has no health check: it is answered whatever its state.
resource "aws_route53_record" "pay_secondary" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "pay.payments.example"
  type           = "A"
  ttl            = 30
  records        = ["203.0.113.20"]
  set_identifier = "standby"

  failover_routing_policy {
    type = "SECONDARY"
  }
}

resource "aws_rds_global_cluster" "ledger" {
  global_cluster_identifier = "payments-ledger-${var.environment}"
  engine                    = "aurora-mysql"
}

resource "aws_rds_cluster" "ledger_primary" {
  cluster_identifier        = "ledger-primary"
  engine                    = "aurora-mysql"
  global_cluster_identifier = aws_rds_global_cluster.ledger.id
  master_username           = "ledger"
  master_password           = var.db_password
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_rds_cluster" "ledger_standby" {
  provider                  = aws.standby
  cluster_identifier        = "ledger-standby"
  engine                    = "aurora-mysql"
  global_cluster_identifier = aws_rds_global_cluster.ledger.id
}

resource "aws_autoscaling_group" "pay_primary" {
  name                      = "pay-primary"
  desired_capacity          = 6
  min_size                  = 6
  max_size                  = 12
  health_check_grace_period = 120
}

module "standby_compute" {
  source    = "./modules/region"
  providers = { aws = aws.standby }
  name      = "pay-standby"
  desired   = 2
  minimum   = 1
  maximum   = 12
  grace     = 120
}
