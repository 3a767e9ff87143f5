import { useState } from 'react';
import { useChange, useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { CalibrationSection } from '../calibration/CalibrationSection';
import { SchemeFeesSection } from '../fees/SchemeFeesSection';
import { AssessorPage } from './AssessorPage';
import { AssessorsSection } from './AssessorsSection';
import { SchemeFileCheckBanner } from './SchemeFileCheckBanner';
import { SchemeFileDoor } from './SchemeFileDoor';
import { useSchemeFollowsOtherTabs } from './followOtherTabs';
import { SCHEME_SECTION_NAMES, SCHEME_SECTIONS, type SchemeSection } from './sections';
import { SchemeSettingsSection } from './SchemeSettingsSection';
import { RegisterSection } from '../register/RegisterSection';
import { DueSoonSection } from '../register/DueSoonSection';
import './scheme.css';

/** The scheme office: the open scheme file's sections, or opening (or creating) one. */
export function SchemeScreen({ section, assessorId }: { section: SchemeSection; assessorId?: string }) {
  const state = useRead('scheme.state', {});
  const { go, openCase } = useNavigation();
  const close = useChange('scheme.close');
  useSchemeFollowsOtherTabs();
  const closedElsewhere = useClosedElsewhere(state.data, close.isSuccess);
  const back = openCase ? (
    <Button onPress={() => go(openCase)}>Back to the case</Button>
  ) : (
    <Button onPress={() => go({ name: 'start' })}>Back to the start</Button>
  );

  if (state.isPending) return <p role="status">Looking for the open scheme file…</p>;
  if (state.isError) return <ErrorNotice message={state.error.message} />;
  if (!state.data)
    return (
      <Page
        title="Scheme office"
        intro={
          <p>
            The scheme office keeps the assessor directory and training records in an encrypted scheme file.
            Open it with its passphrase, or create one.
          </p>
        }
        actions={back}
      >
        {closedElsewhere && (
          <ErrorNotice
            title="The scheme file was closed"
            message={`${closedElsewhere} was closed in another tab or window. Open it again to carry on.`}
          />
        )}
        <SchemeFileDoor />
      </Page>
    );
  const scheme = state.data;
  const title = assessorId ? 'Assessor' : SCHEME_SECTION_NAMES[section];
  return (
    <Page
      title={`${title} — ${scheme.schemeName}`}
      intro={
        <p>
          Scheme file <strong>{scheme.fileName}</strong>, opened by {scheme.openedBy}. Changes you make are
          recorded under that name.
        </p>
      }
      actions={
        <>
          {back}
          <Button onPress={() => close.mutate({})} isPending={close.isPending}>
            Close the scheme file
          </Button>
        </>
      }
    >
      {close.error && <ErrorNotice title="The scheme file was not closed" message={close.error.message} />}
      <SchemeFileCheckBanner />
      <nav aria-label="Scheme office" className="scheme-nav">
        <ul>
          {SCHEME_SECTIONS.map((name) => (
            <li key={name}>
              <Button
                aria-current={section === name && !assessorId ? 'page' : undefined}
                onPress={() => go({ name: 'scheme', section: name })}
              >
                {SCHEME_SECTION_NAMES[name]}
              </Button>
            </li>
          ))}
        </ul>
      </nav>
      <SectionBody section={section} assessorId={assessorId} />
    </Page>
  );
}

/**
 * The scheme file this page showed, when it was closed since by another tab or window (not by this
 * page's own "Close the scheme file"): the door then says so.
 */
function useClosedElsewhere(
  open: { fileName: string } | null | undefined,
  closedHere: boolean,
): string | null {
  const [shown, setShown] = useState<{ fileName: string | null; closedElsewhere: string | null }>({
    fileName: null,
    closedElsewhere: null,
  });
  const now = open === undefined ? shown.fileName : (open?.fileName ?? null);
  if (now !== shown.fileName)
    setShown({ fileName: now, closedElsewhere: now === null && !closedHere ? shown.fileName : null });
  return shown.closedElsewhere;
}

/** Each section's own screen; Calibration, Fees and Register add theirs here from their own folders. */
function SectionBody({ section, assessorId }: { section: SchemeSection; assessorId: string | undefined }) {
  switch (section) {
    case 'assessors':
      return assessorId ? <AssessorPage assessorId={assessorId} /> : <AssessorsSection />;
    case 'calibration':
      return <CalibrationSection />;
    case 'fees':
      return <SchemeFeesSection />;
    case 'settings':
      return <SchemeSettingsSection />;
    case 'register':
      return <RegisterSection />;
    case 'due':
      return <DueSoonSection />;
  }
}
