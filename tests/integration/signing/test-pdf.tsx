import { Document, Page, Text, renderToBuffer } from '@react-pdf/renderer';

/** A small one-page PDF made the way the app makes certificates (@react-pdf/renderer). */
export async function renderTestCertificate(
  organisation = 'Harbour Minds Community Trust',
  level = 2,
): Promise<Buffer> {
  return renderToBuffer(
    <Document title="Coproduction certificate" creationDate={new Date('2025-03-02T09:00:00Z')}>
      <Page size="A4" orientation="landscape">
        <Text>Coproduction Quality Standard</Text>
        <Text>{organisation}</Text>
        <Text>Level {level}</Text>
      </Page>
    </Document>,
  );
}
