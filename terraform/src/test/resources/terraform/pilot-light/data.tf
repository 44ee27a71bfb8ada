resource "aws_rds_global_cluster" "orders" {
  global_cluster_identifier = "shop-orders"
  engine                    = "aurora-postgresql"
  engine_version            = "15.4"
}

resource "aws_rds_cluster_parameter_group" "orders" {
  name   = "shop-orders"
  family = "aurora-postgresql15"

  parameter {
    name  = "rds.global_db_rpo"
    value = "20"
  }
}

resource "aws_rds_cluster" "orders_use1" {
  cluster_identifier              = "shop-orders-use1"
  engine                          = aws_rds_global_cluster.orders.engine
  global_cluster_identifier       = aws_rds_global_cluster.orders.id
  master_username                 = "shop"
  manage_master_user_password     = true
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.orders.name
}

resource "aws_rds_cluster" "orders_usw2" {
  provider                        = aws.west
  cluster_identifier              = "shop-orders-usw2"
  engine                          = aws_rds_global_cluster.orders.engine
  global_cluster_identifier       = aws_rds_global_cluster.orders.id
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.orders.name
  depends_on                      = [aws_rds_cluster.orders_use1]
}

resource "aws_s3_bucket" "assets" {
  bucket = "shop-assets-use1"
}

resource "aws_s3_bucket" "assets_replica" {
  provider = aws.west
  bucket   = "shop-assets-usw2"
}

resource "aws_s3_bucket_replication_configuration" "assets" {
  role   = "arn:aws:iam::123456789012:role/replication"
  bucket = aws_s3_bucket.assets.id

  rule {
    id     = "everything"
    status = "Enabled"

    destination {
      bucket = aws_s3_bucket.assets_replica.arn

      replication_time {
        status = "Enabled"
        time {
          minutes = 15
        }
      }

      metrics {
        status = "Enabled"
      }
    }
  }
}
