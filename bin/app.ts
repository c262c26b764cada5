#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { stageConfig } from '../lib/config/stage-config';
import { buildShop } from '../lib/shop-app';

// `npx cdk synth -c stage=dev`; `local` (from cdk.json) when no stage is given.
const app = new App();
buildShop(app, stageConfig(app.node.tryGetContext('stage')));
app.synth();
