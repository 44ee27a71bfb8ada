resource "aws_lb" "use1" {
  name               = "shop-api-use1"
  load_balancer_type = "application"
}

resource "aws_lb" "usw2" {
  provider           = aws.west
  name               = "shop-api-usw2"
  load_balancer_type = "application"
}

resource "aws_autoscaling_group" "api_use1" {
  name                      = "shop-api-use1"
  desired_capacity          = var.api_instances
  min_size                  = 2
  max_size                  = 8
  health_check_type         = "ELB"
  health_check_grace_period = 180
}

# The pilot light: scaled to zero, scaled up by the runbook on failover.
resource "aws_autoscaling_group" "api_usw2" {
  provider                  = aws.west
  name                      = "shop-api-usw2"
  desired_capacity          = 0
  min_size                  = 0
  max_size                  = 8
  health_check_type         = "ELB"
  health_check_grace_period = 180
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name          = "shop-api-5xx"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  threshold           = 10
}
