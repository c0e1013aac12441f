import {accessibleFormat} from './accessibleFormat'
import {adrRule} from './adrRule'
import {adrScheme} from './adrScheme'
import {appealPolicy} from './appealPolicy'
import {closure} from './closure'
import {codeBody} from './codeBody'
import {commitment} from './commitment'
import {complaintForm} from './complaintForm'
import {complaintSituation} from './complaintSituation'
import {complaintsCode} from './complaintsCode'
import {contactMethod} from './contactMethod'
import {duration} from './duration'
import {feedbackValue} from './feedbackValue'
import {formCategory} from './formCategory'
import {formField} from './formField'
import {formFieldCondition} from './formFieldCondition'
import {formFieldOption} from './formFieldOption'
import {formSettings} from './formSettings'
import {freePostedCopy} from './freePostedCopy'
import {notAComplaint} from './notAComplaint'
import {officeAddress} from './officeAddress'
import {openingHours} from './openingHours'
import {openingPeriod} from './openingPeriod'
import {organisation} from './organisation'
import {positiveFeedback} from './positiveFeedback'
import {postalAddress} from './postalAddress'
import {regime} from './regime'
import {regimeLimit} from './regimeLimit'
import {reopenPolicy} from './reopenPolicy'
import {satisfactionRating} from './satisfactionRating'
import {satisfactionSurvey} from './satisfactionSurvey'
import {stage} from './stage'
import {table} from './table'
import {tableRow} from './tableRow'

/** Documents first, then the object types they are built from. */
export const schemaTypes = [
  // documents
  organisation,
  complaintsCode,
  adrScheme,
  regime,
  complaintForm,
  // shared objects
  duration,
  openingHours,
  openingPeriod,
  postalAddress,
  // organisation parts
  complaintSituation,
  notAComplaint,
  closure,
  contactMethod,
  officeAddress,
  commitment,
  stage,
  appealPolicy,
  reopenPolicy,
  adrRule,
  regimeLimit,
  accessibleFormat,
  freePostedCopy,
  positiveFeedback,
  feedbackValue,
  satisfactionSurvey,
  satisfactionRating,
  // complaint form parts
  formCategory,
  formSettings,
  formField,
  formFieldOption,
  formFieldCondition,
  // complaints code text
  codeBody,
  table,
  tableRow,
]
