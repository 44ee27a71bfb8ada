regions = {
  primary = "eu-west-1"
  standby = "eu-central-1"
}
