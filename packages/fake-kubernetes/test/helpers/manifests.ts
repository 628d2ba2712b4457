import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Deployment manifest with one container, as a user would write it. */
export function deploymentYaml(name: string, image: string, replicas = 2): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: app
        image: ${image}
        ports: [{containerPort: 8000}]
        env: [{name: MODE, value: paper}]
`;
}

export function writeManifest(dir: string, file: string, text: string): string {
  const path = join(dir, file);
  writeFileSync(path, text);
  return path;
}
