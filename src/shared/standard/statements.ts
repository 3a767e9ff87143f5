/**
 * The six I Statements, written by Experts by Experience. They are the architecture of every
 * standard and are quoted exactly, word for word, everywhere they appear.
 */
export const I_STATEMENTS = [
  'I am more than a mental health diagnosis. Treat me like an individual human being.',
  'I may rely on family and friends to stay well. Give them support, information and respect.',
  'I want to be heard and included, regardless of my identity. Offer me accessible and culturally competent support.',
  'I may be facing more than just a mental health challenge (e.g. Substances including alcohol or a physical condition). Respond to these creatively and without judgement.',
  'I will know the name of the person responsible for my support. Show me that you are a human being too.',
  "I have a story to tell. Share information effectively, with my permission, so I don't have to repeat myself.",
] as const;

export type IStatementText = (typeof I_STATEMENTS)[number];
export type StatementNumber = 1 | 2 | 3 | 4 | 5 | 6;
