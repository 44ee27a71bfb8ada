variable "name" {
  type = string
}

variable "desired" {
  type = number
}

variable "minimum" {
  type = number
}

variable "maximum" {
  type = number
}

variable "grace" {
  type    = number
  default = 300
}

resource "aws_autoscaling_group" "pay_standby" {
  name                      = var.name
  desired_capacity          = var.desired
  min_size                  = var.minimum
  max_size                  = var.maximum
  health_check_grace_period = var.grace
}
