import { Module } from '@nestjs/common';
import { AssessmentsHttpController } from './assessments/assessments.http.controller.js';
import { DecisionsHttpController } from './decisions/decisions.http.controller.js';
import { ListsHttpController } from './lists/lists.http.controller.js';
import { DecisionReviewsHttpController } from './reviews/decision-reviews.http.controller.js';
import { RulesetsHttpController } from './rulesets/rulesets.http.controller.js';

/** Device risk (users, merchants) and the analysts' decisions, review queue, lists and rulesets; each route is one gRPC call to risk. */
@Module({
  controllers: [AssessmentsHttpController, DecisionsHttpController, DecisionReviewsHttpController, ListsHttpController, RulesetsHttpController],
})
export class RiskHttpModule {}
