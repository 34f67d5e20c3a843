// Function words that occur in almost every English message whatever its subject. Left in, they would fill most of a
// 2,000-word vocabulary and dominate raw counts without telling one newsgroup from another.
const WORDS = `
a about above after again against all almost also although always am among an and another any anybody anyone
anything anywhere are aren around as at be became because become becomes been before being below besides between
both but by can cannot could couldn did didn do does doesn doing don done down during each either else enough even
ever every everyone everything few for from further get gets getting give given go goes going got had hadn has hasn
have haven having he her here hers herself him himself his how however if in instead into is isn it its itself just
least less let like ll made make makes many may me might mine more most much must my myself neither never
nevertheless no nobody none nor not nothing now of off often on once one only onto or other others otherwise our ours
ourselves out over own per perhaps quite rather re really said same say says see seem seemed seems several shall
she should shouldn since so some somebody someone something sometimes somewhat still such than that the their
theirs them themselves then there therefore these they thing things this those though through thus to together too
toward towards under unless until up upon us ve very was wasn way we well were weren what whatever when whenever
where whereas wherever whether which while who whoever whole whom whose why will with within without won would
wouldn yet you your yours yourself yourselves
`;

/** English stop words (lower case; contractions appear as the tokenizer leaves them: "don't" → "don"). */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w.length > 0));
