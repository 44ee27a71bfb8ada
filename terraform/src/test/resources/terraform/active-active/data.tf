resource "aws_dynamodb_table" "carts" {
  name             = "carts"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "cart_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "cart_id"
    type = "S"
  }

  replica {
    region_name = "us-west-2"
  }

  replica {
    region_name = "eu-west-1"
  }
}
