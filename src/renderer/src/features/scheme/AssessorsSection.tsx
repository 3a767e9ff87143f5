import { useEffect, useRef, useState } from 'react';
import type { CalibrationStatus } from '../../../../shared/api';
import { useChange, useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { focusFirstControl } from '../../ui/formSupport';
import { statusInWords } from '../calibration/CalibrationSection';
import { AssessorFilters, filterAssessors, NO_FILTER } from './AssessorFilters';
import { AssessorForm } from './AssessorForm';
import { SchemeReadGate } from './SchemeReadGate';
import { ROLE_NAMES, TRAINING_LABELS, trainingInWords } from './trainingWords';

/** The assessor directory: everyone who may sit on panels, where they stand with training, and adding someone. */
export function AssessorsSection() {
  const assessors = useRead('scheme.assessors', {});
  const calibration = useRead('calibration.overview', {});
  const calibrationOf = (id: string) => calibration.data?.assessors.find((row) => row.id === id)?.calibration;
  const { go } = useNavigation();
  const [filter, setFilter] = useState(NO_FILTER);
  const [formKey, setFormKey] = useState(0);
  const [added, setAdded] = useState<string | undefined>();
  const addSection = useRef<HTMLElement>(null);
  // After someone is added the form starts afresh: focus goes to its first field, ready for the next.
  useEffect(() => {
    if (formKey > 0) focusFirstControl(addSection.current);
  }, [formKey]);
  const add = useChange('scheme.addAssessor', {
    onSuccess: (assessor) => {
      setAdded(`${assessor.name} was added to the directory.`);
      setFormKey((key) => key + 1);
    },
  });
  return (
    <>
      <section aria-labelledby="directory-heading">
        <h2 id="directory-heading">The assessor directory</h2>
        <SchemeReadGate reads={[assessors]} loading="Reading the directory…">
          {(everyone) => {
            const shown = filterAssessors(
              everyone,
              filter,
              calibrationOf,
              new Date().toISOString().slice(0, 10),
            );
            return (
              <>
                {everyone.length === 0 && <p>Nobody is in the directory yet. Add the first person below.</p>}
                {everyone.length > 0 && (
                  <AssessorFilters
                    filter={filter}
                    onChange={setFilter}
                    shown={shown.length}
                    total={everyone.length}
                  />
                )}
                {everyone.length > 0 && shown.length === 0 && (
                  <p>Nobody in the directory matches these filters.</p>
                )}
                {shown.length > 0 && (
                  <ul className="plain-list" aria-label="Assessors">
                    {shown.map((assessor) => (
                      <li key={assessor.id} className="list-row">
                        <div>
                          <p className="list-row-title">{assessor.name}</p>
                          <p className="list-row-detail assessor-roles">
                            {assessor.roles.map((role) => ROLE_NAMES[role]).join(', ')}
                          </p>
                          <p className="list-row-detail">
                            <span className={`training-state training-state-${assessor.training.state}`}>
                              {TRAINING_LABELS[assessor.training.state]}.
                            </span>{' '}
                            {trainingInWords(assessor.training)}
                          </p>
                          <CalibrationLine status={calibrationOf(assessor.id)} />
                        </div>
                        <Button
                          onPress={() =>
                            go({ name: 'scheme', section: 'assessors', assessorId: assessor.id })
                          }
                        >
                          Open <span className="visually-hidden">{assessor.name}’s page</span>
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            );
          }}
        </SchemeReadGate>
      </section>
      <section aria-label="Add a person" ref={addSection}>
        <AssessorForm
          key={formKey}
          heading="Add a person to the directory"
          submitLabel="Add to the directory"
          change={add}
          send={(assessor) => {
            setAdded(undefined);
            add.mutate({ assessor });
          }}
          savedMessage={added}
        />
      </section>
    </>
  );
}

function CalibrationLine({ status }: { status: CalibrationStatus | undefined }) {
  return status ? <p className="list-row-detail">Practice case: {statusInWords(status)}.</p> : null;
}
