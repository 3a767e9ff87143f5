import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useChange, useRead } from '../../app/operations';
import { TEXT_SIZES, useDisplaySettings, type TextSize } from '../../app/display-settings';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ChoiceGroup, TextField } from '../../ui/fields';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { IdentitySettings } from './IdentitySettings';
import { VerificationAddressSettings } from './VerificationAddressSettings';

const TEXT_SIZE_LABELS: Record<TextSize, string> = {
  standard: 'Standard',
  large: 'Large',
  largest: 'Largest',
};

/** Display preferences for this computer, and where case files are kept. */
export function SettingsScreen() {
  const display = useDisplaySettings();
  const { go, openCase } = useNavigation();
  const workspace = useRead('case.listWorkspace', {});
  const [folder, setFolder] = useState('');
  const changeFolder = useChange('settings.setWorkspace', { onSuccess: () => setFolder('') });

  return (
    <Page
      title="Settings"
      actions={
        // With a case open, back to it (as the header's menu offers); otherwise back to the start.
        openCase ? (
          <Button onPress={() => go(openCase)}>Back to the case</Button>
        ) : (
          <Button onPress={() => go({ name: 'start' })}>Back to the start</Button>
        )
      }
    >
      <section aria-labelledby="display-heading">
        <h2 id="display-heading">How the app looks</h2>
        <ChoiceGroup
          label="Text size"
          choices={TEXT_SIZES.map((size) => ({ value: size, label: TEXT_SIZE_LABELS[size] }))}
          value={display.textSize}
          onChange={(textSize) => display.update({ textSize })}
          orientation="horizontal"
        />
        <ChoiceGroup
          label="Colours"
          choices={[
            { value: 'standard', label: 'Standard colours' },
            {
              value: 'high',
              label: 'High contrast',
              description: 'Light text on a black background, with bright outlines.',
            },
          ]}
          value={display.contrast}
          onChange={(contrast) => display.update({ contrast })}
        />
      </section>
      <IdentitySettings />
      <VerificationAddressSettings />
      <section aria-labelledby="workspace-heading">
        <h2 id="workspace-heading">Where case files are kept</h2>
        {workspace.data && (
          <p>
            New case files are saved in <span className="path">{workspace.data.workspaceDir}</span>, and the
            Open case screen lists the files there.
          </p>
        )}
        <Form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            changeFolder.mutate({ folder });
          }}
        >
          <TextField
            label="Use another folder"
            description="The folder’s full path. It is made if it does not exist yet."
            value={folder}
            onChange={setFolder}
            isRequired
          />
          {changeFolder.isError && (
            <ErrorNotice title="The folder was not changed" message={changeFolder.error.message} />
          )}
          {changeFolder.isSuccess && (
            <StatusNotice tone="success">
              Case files are now kept in {changeFolder.data.workspaceDir}.
            </StatusNotice>
          )}
          <Button type="submit" isPending={changeFolder.isPending}>
            Change the folder
          </Button>
        </Form>
      </section>
    </Page>
  );
}
