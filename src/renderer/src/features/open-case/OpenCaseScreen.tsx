import { useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { formatBytes, formatDateTime } from '../../ui/format';
import { Page } from '../../ui/Page';

/** Browser mode's file chooser: the case files in the workspace folder. */
export function OpenCaseScreen() {
  const { go } = useNavigation();
  const workspace = useRead('case.listWorkspace', {});

  return (
    <Page
      title="Open a case file"
      actions={<Button onPress={() => go({ name: 'start' })}>Back to the start</Button>}
    >
      {workspace.isPending && <p role="status">Looking in your Coproduction Panel folder…</p>}
      {workspace.isError && <ErrorNotice message={workspace.error.message} />}
      {workspace.data && (
        <>
          <p>
            Case files in <span className="path">{workspace.data.workspaceDir}</span>. To open a file from
            somewhere else, copy it into this folder first, or change the folder in Settings.
          </p>
          {workspace.data.files.length === 0 ? (
            <p>There are no case files in this folder yet.</p>
          ) : (
            <ul className="plain-list">
              {workspace.data.files.map((file) => (
                <li key={file.path} className="list-row">
                  <div>
                    <p className="list-row-title">{file.fileName}</p>
                    <p className="list-row-detail">
                      {formatBytes(file.sizeBytes)}, changed {formatDateTime(file.modifiedAt)}
                    </p>
                  </div>
                  <Button
                    onPress={() => go({ name: 'unlock', path: file.path })}
                    aria-label={`Open ${file.fileName}`}
                  >
                    Open
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
