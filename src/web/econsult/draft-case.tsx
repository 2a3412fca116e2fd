// A draft case in four steps (reason, questions, own words and photos, summary); it opens where the patient left off and
// the heading of each new step takes the focus.
import { useState } from 'react';
import { Loading } from '../platform/loading.tsx';
import { ProblemMessage } from '../platform/problem-message.tsx';
import type { AnswerProblem } from '../../shared/econsult/questionnaire.ts';
import { openingStep, type DraftStep } from './answers.ts';
import { DetailsStep } from './details-step.tsx';
import { useQuestionnaire } from './patient-api.ts';
import { QuestionsStep } from './questions-step.tsx';
import { ReasonStep } from './reason-step.tsx';
import { SummaryStep } from './summary-step.tsx';
import type { CaseView, EconsultSetup } from './types.ts';

export interface DraftCaseProps {
  view: CaseView;
  setup: EconsultSetup;
  patientIsChild: boolean;
  onSubmitted: () => void;
}

export function DraftCase({ view, setup, patientIsChild, onSubmitted }: DraftCaseProps) {
  const questionnaire = useQuestionnaire(view.reasonId);
  const [chosen, setChosen] = useState<DraftStep | null>(null);
  const [refused, setRefused] = useState<AnswerProblem[]>([]);
  // Where it opens is known once the chosen reason's questionnaire is here; from then on the patient moves.
  const waiting = view.reasonId !== null && questionnaire.isPending;
  const step = chosen ?? (waiting ? null : openingStep(view.reasonId, questionnaire.data, view.answers));
  const moved = chosen !== null;

  if (step === null) return <Loading />;
  if (step !== 'reason' && questionnaire.isError) return <ProblemMessage error={questionnaire.error} loginKind="patient" />;

  switch (step) {
    case 'reason':
      return <ReasonStep view={view} reasons={setup.reasons} patientIsChild={patientIsChild} focus={moved} onDone={() => setChosen('questions')} />;
    case 'questions':
      if (!questionnaire.data) return <Loading />;
      return (
        <QuestionsStep
          view={view}
          questionnaire={questionnaire.data}
          initialProblems={refused}
          focus={moved}
          onBack={() => setChosen('reason')}
          onDone={() => setChosen('details')}
        />
      );
    case 'details':
      return <DetailsStep view={view} photos={questionnaire.data?.photos ?? 'optional'} focus={moved} onBack={() => setChosen('questions')} onDone={() => setChosen('summary')} />;
    case 'summary':
      return (
        <SummaryStep
          view={view}
          questionnaire={questionnaire.data}
          focus={moved}
          onEdit={setChosen}
          onRefused={(problems) => {
            setRefused(problems);
            setChosen('questions');
          }}
          onSubmitted={onSubmitted}
        />
      );
  }
}
