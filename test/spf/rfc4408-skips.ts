// RFC 4408 suite tests whose expected result RFC 7208 changed, each with the reason it is skipped.
// Empty: where the rules differ, the 4408 file already lists both results (e.g. mx-limit accepts
// neutral|pass|permerror, spfoverride pass|fail), and all 191 pass under RFC 7208 semantics.
export const RFC4408_SKIPS: Record<string, string> = {};
