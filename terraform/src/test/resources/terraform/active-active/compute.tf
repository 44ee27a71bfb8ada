resource "aws_ecs_service" "api_use1" {
  name                              = "api"
  desired_count                     = 3
  health_check_grace_period_seconds = 60
}

resource "aws_ecs_service" "api_usw2" {
  provider                          = aws.oregon
  name                              = "api"
  desired_count                     = 3
  health_check_grace_period_seconds = 60
}

resource "aws_ecs_service" "api_euw1" {
  provider                          = aws.ireland
  name                              = "api"
  desired_count                     = 3
  health_check_grace_period_seconds = 60
}

resource "aws_eks_node_group" "workers_use1" {
  cluster_name    = "shop"
  node_group_name = "workers"

  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 6
  }
}
