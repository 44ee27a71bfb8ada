# Active-active: three regions serve, a DynamoDB global table takes writes everywhere.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "oregon"
  region = "us-west-2"
}

provider "aws" {
  alias  = "ireland"
  region = "eu-west-1"
}
