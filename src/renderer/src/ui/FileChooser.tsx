import { useState } from 'react';
import { DropZone, FileTrigger, Text } from 'react-aria-components';
import { shownFileName } from '../../../shared/hidden-characters';
import { Button } from './Button';

/**
 * Choose a file with a button, or drop it on the area. Keyboard and screen-reader friendly:
 * the button is the main way; dropping is a shortcut.
 */
export function FileChooser(props: {
  label: string;
  buttonLabel: string;
  acceptedFileTypes?: string[];
  onFile: (file: File) => void;
  chosen?: File | null;
  hint?: string;
}) {
  const [dropActive, setDropActive] = useState(false);
  return (
    <div className="file-chooser">
      <p className="field-label">{props.label}</p>
      {props.hint && <p className="field-description">{props.hint}</p>}
      <DropZone
        className={`drop-zone${dropActive ? ' drop-zone-active' : ''}`}
        // The name is the field's label followed by the text below: “Certificate or drop a file
        // here”, then “Certificate Chosen: report.pdf”.
        aria-label={props.label}
        onDropEnter={() => setDropActive(true)}
        onDropExit={() => setDropActive(false)}
        onDrop={async (event) => {
          setDropActive(false);
          for (const item of event.items) {
            if (item.kind === 'file') {
              props.onFile(await item.getFile());
              break;
            }
          }
        }}
      >
        <FileTrigger
          acceptedFileTypes={props.acceptedFileTypes}
          onSelect={(files) => files?.[0] && props.onFile(files[0])}
        >
          <Button>{props.buttonLabel}</Button>
        </FileTrigger>
        <Text slot="label" className="drop-zone-text">
          {props.chosen ? `Chosen: ${shownFileName(props.chosen.name)}` : 'or drop a file here'}
        </Text>
      </DropZone>
    </div>
  );
}
