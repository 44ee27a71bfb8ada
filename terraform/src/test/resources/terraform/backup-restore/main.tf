# Backup and restore: one region serves; backups every 4 hours are copied to another region.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-east-2"
}

resource "aws_backup_vault" "main" {
  name = "shop-main"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "shop-dr"
}

resource "aws_backup_plan" "shop" {
  name = "shop"

  rule {
    rule_name         = "every-4h"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 */4 * * ? *)"

    lifecycle {
      delete_after = 35
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 ? * * *)"
  }
}

resource "aws_autoscaling_group" "web" {
  name             = "shop-web"
  desired_capacity = 2
  min_size         = 2
  max_size         = 4
}

resource "aws_route53_zone" "shop" {
  name = "shop.example"
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.shop.zone_id
  name    = "www.shop.example"
  type    = "A"
  ttl     = 300
  records = [aws_eip.web.public_ip]
}

resource "aws_eip" "web" {
  domain = "vpc"
}
