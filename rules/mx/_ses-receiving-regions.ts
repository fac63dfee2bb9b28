// Regions where SES receives mail (MX 10 inbound-smtp.<region>.amazonaws.com). Data, not logic: update
// it as AWS adds regions. Sources (project reference ses-route53-rfc-facts.md §5, marked UNCERTAIN there):
// - SES developer guide regions.md (2022): us-east-1, us-west-2, eu-west-1;
// - a later copy of the AWS General Reference receiving-endpoint table [3p, undated]: adds us-east-2,
//   ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-northeast-1, ca-central-1, eu-central-1, eu-west-2;
// - af-south-1: a live "10 inbound-smtp.af-south-1.amazonaws.com" in a public repo and a 2026 design
//   note [3p].
// A region missing here is a warning, never an error; users add regions with the rule's option.
export const SES_RECEIVING_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'us-east-1',
  'us-east-2',
  'us-west-2',
];
