resource "aws_route53_health_check" "primary" {
fqdn = "api-use1.example.com"
type = "HTTPS"
resource_path = "/healthz"
failure_threshold = 3
request_interval = 10
}
resource "aws_route53_record" "primary" {
zone_id = var.zone_id
name = "api.example.com"
type = "A"
set_identifier = "primary-use1"
health_check_id = aws_route53_health_check.primary.id
failover_routing_policy { type = "PRIMARY" }
alias {
name = aws_lb.use1.dns_name
zone_id = aws_lb.use1.zone_id
evaluate_target_health = true
}
}
