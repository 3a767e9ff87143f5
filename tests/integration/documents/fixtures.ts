import { I_STATEMENTS } from '../../../src/shared/standard';
import type { CertificateView, ReportView, ScoreSheetView } from '../../../src/main/documents';

export const CREATION_DATE = new Date('2026-03-02T10:15:00Z');

/** Shaped like a signed compact payload: a prefix, base64url body and signature. */
export const QR_PAYLOAD =
  'CPQ1.eyJuIjoiQ1BTLTIwMjYtMDA0MiIsIm8iOiJIYXJib3VyIE1pbmRzIENvbW11bml0eSBNZW50YWwgSGVhbHRoIFRydXN0IiwibCI6MiwiZCI6IjIwMjYtMDMtMDIiLCJ2IjoiMjAyOS0wMy0wMSIsImsiOiI3ZjNhOWMxZTJiNGQ2MDg4In0.' +
  'MEUCIQDk3b7cWJ0yq9Xl1mG2rE4tY5uI6oP7aS8dF9gH0jK1lAIgZ2xC3vB4nM5qW6eR7tY8uI9oP0aS1dF2gH3jK4lZ5x0';

export const ORGANISATION = 'Harbour Minds Community Mental Health Trust';

export function certificateView(overrides: Partial<CertificateView> = {}): CertificateView {
  return {
    schemeName: 'Coproduction Quality Standard',
    organisationName: ORGANISATION,
    level: 2,
    statements: [...I_STATEMENTS],
    decisionDate: '2026-03-02',
    validUntil: '2029-03-01',
    interimReviewDue: '2027-09-02',
    certificateNumber: 'CPS-2026-0042',
    leadAssessorName: 'Amara Okafor',
    coSignerName: 'Dafydd Llywelyn',
    qrPayload: QR_PAYLOAD,
    standardTitle: 'I Statements Coproduction Standard',
    standardVersion: 1,
    ...overrides,
  };
}

export const CONSENTED_QUOTE =
  'The staff asked what I wanted before anything else, and they remembered it next time.';
export const REFUSED_QUOTE =
  'My keyworker told my mum everything without asking me first and I felt betrayed.';
export const WITHDRAWN_QUOTE = 'I would not have come back if the peer worker had not phoned me.';

export const TRACE_SENTENCES = [
  'Every criterion marked as a must-have scored at least 2, so Level 2 was possible.',
  'Criterion 3.2 scored 1, so Level 3 was not possible this time.',
  'Five of the six I Statements averaged 2 or more.',
  'The panel agreed Level 2.',
];

/** The panel's reason for an agreed score, as recorded in moderation. */
export function reasonFor(statement: number, criterion: number): string {
  return `Reason ${statement}.${criterion + 1}: the panel read the plans and heard from people who use the service.`;
}

/** Strengths and recommendations the panel recorded first for each statement (the summary shows these). */
export const FIRST_STRENGTH = (statement: number) =>
  `Staff in the crisis café know people by name and ask how they want to be supported (statement ${statement}).`;

/** A condition of the award as a whole, not about one I Statement. */
export const AWARD_CONDITION = {
  text: 'Publish a plan for coproduction with carers, agreed with the lived experience advisory group.',
  due: '2026-06-30',
};

/** A condition about I Statement 3. */
export const STATEMENT_CONDITION = {
  text: 'Offer information in the five most used community languages.',
  due: '2026-09-02',
};

function criteriaFor(statement: number): { id: string; title: string }[] {
  const titles = [
    'People are asked what matters to them',
    'Plans are written with the person, in their words',
    'People who use the service help shape it',
  ];
  return titles.map((title, index) => ({ id: `${statement}.${index + 1}`, title }));
}

export function reportView(overrides: Partial<ReportView> = {}): ReportView {
  return {
    schemeName: 'Coproduction Quality Standard',
    standardTitle: 'I Statements Coproduction Standard',
    standardVersion: 1,
    organisation: {
      name: ORGANISATION,
      address: ['Unit 4, Quayside Court', '12 Harbour Road', 'Portsmouth PO1 3AB'],
      servicesInScope: ['Community mental health team (adults)', 'Crisis café', 'Peer support service'],
    },
    certificateNumber: 'CPS-2026-0042',
    decision: {
      awarded: true,
      level: 2,
      decisionDate: '2026-03-02',
      validUntil: '2029-03-01',
      interimReviewDue: '2027-09-02',
    },
    outcomeTrace: [
      { rule: 'Must-have criteria', sentences: TRACE_SENTENCES.slice(0, 2) },
      { rule: 'Scores across the I Statements', sentences: TRACE_SENTENCES.slice(2) },
    ],
    statements: I_STATEMENTS.map((text, index) => {
      const number = index + 1;
      return {
        number,
        text,
        criteria: criteriaFor(number).map((criterion, c) => ({
          ...criterion,
          agreedScore:
            c === 2 && number === 3 ? 'not_enough_evidence' : ((((number + c) % 3) + 1) as 1 | 2 | 3),
          reason: reasonFor(number, c),
        })),
        strengths: [
          FIRST_STRENGTH(number),
          'Families are invited to planning meetings when the person wants them there.',
        ],
        recommendations: ['Ask people who use the service to review the leaflets before they are printed.'],
        conditions: number === 3 ? [STATEMENT_CONDITION] : [],
        quotes:
          number === 2
            ? [{ text: CONSENTED_QUOTE, attribution: 'Someone who uses the service', consentStatus: 'given' }]
            : number === 1
              ? [
                  {
                    text: CONSENTED_QUOTE,
                    attribution: 'Someone who uses the service',
                    consentStatus: 'given',
                  },
                  {
                    text: REFUSED_QUOTE,
                    attribution: 'Someone who uses the service',
                    consentStatus: 'refused',
                  },
                  { text: WITHDRAWN_QUOTE, attribution: 'A family member', consentStatus: 'withdrawn' },
                ]
              : [],
      };
    }),
    awardConditions: [AWARD_CONDITION],
    panel: [
      { name: 'Amara Okafor', role: 'lead' },
      { name: 'Dafydd Llywelyn', role: 'assessor' },
      { role: 'assessor' },
      { name: 'Dr Priya Natarajan', role: 'co_assessor' },
    ],
    panelAgreement: [
      'Krippendorff’s alpha (ordinal): 0.742.',
      'Agreement is moderate (0.742): talk through the criteria where scores differ.',
      '98 of 114 pairs of scores (85%) are exactly the same; 113 (99%) are within one point of each other.',
    ],
    evidenceConsidered: [
      'Service user survey 2025 (142 responses)',
      'Coproduction strategy 2024–2027',
      'Notes of conversations with people who use the crisis café',
      'Minutes of the lived experience advisory group',
    ],
    ...overrides,
  };
}

export function scoreSheetView(overrides: Partial<ScoreSheetView> = {}): ScoreSheetView {
  return {
    standardTitle: 'I Statements Coproduction Standard',
    standardVersion: 1,
    organisationName: ORGANISATION,
    statements: I_STATEMENTS.map((text, index) => ({
      number: index + 1,
      text,
      criteria: criteriaFor(index + 1).map((criterion) => ({
        ...criterion,
        whatGoodLooksLike:
          'People are asked what matters to them, and their answers change what happens. They can see this in their plans.',
        descriptors: {
          level1: 'Staff ask people what matters to them, but answers are not always recorded.',
          level2: 'Answers are recorded in plans, in the person’s own words, and reviewed with them.',
          level3: 'People who use the service check that this happens and the findings lead to changes.',
        },
      })),
    })),
    ...overrides,
  };
}

/**
 * Fictional organisations and people with names in each script the bundled fonts draw (the README
 * lists them): every one must print, be read back by pdftotext and by the app's own verifier.
 */
export const NAMES_BY_SCRIPT = [
  {
    script: 'Latin (Welsh, Polish, Vietnamese)',
    organisation: 'Canolfan Iechyd Meddwl Ŵyr a Llŷn',
    lead: 'Łucja Żółkiewska',
    coSigner: 'Nguyễn Thị Hương',
  },
  {
    script: 'Greek',
    organisation: 'Κέντρο Ψυχικής Υγείας Ελπίδα',
    lead: 'Ελένη Παπαδοπούλου',
    coSigner: 'Νίκος Γεωργίου',
  },
  {
    script: 'Cyrillic',
    organisation: 'Центр психического здоровья «Надежда»',
    lead: 'Олена Коваленко',
    coSigner: 'Иван Петров',
  },
  {
    script: 'Arabic',
    organisation: 'مركز الأمل للصحة النفسية',
    lead: 'فاطمة عبد الله',
    coSigner: 'عائشہ خان',
  },
  {
    script: 'Hebrew',
    organisation: 'מרכז התקווה לבריאות הנפש',
    lead: 'מרים לוי',
    coSigner: 'דוד כהן',
  },
  {
    script: 'Devanagari',
    organisation: 'आशा मानसिक स्वास्थ्य केंद्र',
    lead: 'प्रिया शर्मा',
    coSigner: 'विकास कुमार',
  },
  {
    script: 'Bengali',
    organisation: 'আশা মানসিক স্বাস্থ্য কেন্দ্র',
    lead: 'রহিমা বেগম',
    coSigner: 'কিশোর দাস',
  },
  {
    script: 'Gurmukhi',
    organisation: 'ਆਸ਼ਾ ਮਾਨਸਿਕ ਸਿਹਤ ਕੇਂਦਰ',
    lead: 'ਹਰਪ੍ਰੀਤ ਕੌਰ',
    coSigner: 'ਗੁਰਮੀਤ ਸਿੰਘ',
  },
  {
    script: 'Gujarati',
    organisation: 'આશા માનસિક આરોગ્ય કેન્દ્ર',
    lead: 'નિશા પટેલ',
    coSigner: 'કિરણ શાહ',
  },
  {
    script: 'Tamil',
    organisation: 'நம்பிக்கை மனநல மையம்',
    lead: 'கவிதா ராஜன்',
    coSigner: 'செல்வி முருகன்',
  },
  {
    script: 'Chinese',
    organisation: '希望心理健康中心',
    lead: '王小明',
    coSigner: '陳美玲',
  },
] as const;

/**
 * Text as it is compared with what pdftotext gives back: canonically decomposed (the renderer writes
 * Indic letters decomposed, and some, e.g. Gurmukhi ਸ਼, never recompose), without the bidi
 * embedding marks pdftotext puts around right-to-left text, white space made single spaces.
 */
export function comparable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
