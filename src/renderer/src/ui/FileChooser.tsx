import { useId, useState, type DragEvent } from 'react';
import { FileTrigger } from 'react-aria-components';
import { shownFileName } from '../../../shared/hidden-characters';
import { Button } from './Button';

/** Whether a drag carries files (not text or a link dragged from the page). */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/**
 * Every file door in the app: choose a file with the button, or drop it on the area. One tab stop,
 * the button (Enter or Space opens the file chooser), named by its own words and described by the
 * hint and what is chosen; the whole is a group named by the field's label, so a screen reader says
 * which file it is for. Dropping is a shortcut for the mouse only, so the area takes no focus.
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
  const id = useId();
  const ids = { label: `${id}-label`, hint: `${id}-hint`, chosen: `${id}-chosen` };
  const describedBy = props.hint ? `${ids.hint} ${ids.chosen}` : ids.chosen;
  const allowDrop = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropActive(true);
  };
  return (
    <div className="file-chooser" role="group" aria-labelledby={ids.label}>
      <p className="field-label" id={ids.label}>
        {props.label}
      </p>
      {props.hint && (
        <p className="field-description" id={ids.hint}>
          {props.hint}
        </p>
      )}
      <div
        className={`drop-zone${dropActive ? ' drop-zone-active' : ''}`}
        onDragEnter={allowDrop}
        onDragOver={allowDrop}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropActive(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setDropActive(false);
          const file = event.dataTransfer.files[0];
          if (file) props.onFile(file);
        }}
      >
        <FileTrigger
          acceptedFileTypes={props.acceptedFileTypes}
          onSelect={(files) => files?.[0] && props.onFile(files[0])}
        >
          <Button aria-describedby={describedBy}>{props.buttonLabel}</Button>
        </FileTrigger>
        <p className="drop-zone-text" id={ids.chosen}>
          {props.chosen ? `Chosen: ${shownFileName(props.chosen.name)}` : 'or drop a file here'}
        </p>
      </div>
    </div>
  );
}
