/// <reference types="mocha" />
import { expect } from 'chai';
import { pathOf, routeOf, WORKSPACE_SECTIONS } from './routes.ts';

describe('routes', () => {
  it('reads the caseload and plan addresses', () => {
    expect(routeOf('/')).to.deep.equal({ page: 'caseload' });
    expect(routeOf('/children/c7k2m9x4q1rt')).to.deep.equal({ page: 'plan', childId: 'c7k2m9x4q1rt' });
    expect(routeOf('/children/c7k2m9x4q1rt/')).to.deep.equal({ page: 'plan', childId: 'c7k2m9x4q1rt' });
  });

  it('reads each section of the workspace and one meeting', () => {
    for (const section of WORKSPACE_SECTIONS) expect(routeOf(`/children/c-1/${section}`)).to.deep.equal({ page: 'plan', childId: 'c-1', section });
    expect(routeOf('/children/c-1/meetings/ppm-2')).to.deep.equal({ page: 'plan', childId: 'c-1', section: 'meetings', meetingId: 'ppm-2' });
  });

  it('treats any other address, and child ids the server would refuse, as the caseload', () => {
    for (const path of ['/elsewhere', '/children/', '/children/a/b', '/children/a/roles/x', '/children/a/meetings/%2F', '/children/..%2F', '/children/%E0%A4%A', `/children/${'x'.repeat(65)}`, '/children/a%00']) {
      expect(routeOf(path), path).to.deep.equal({ page: 'caseload' });
    }
  });

  it('writes addresses that read back as the same page', () => {
    for (const route of [
      { page: 'caseload' } as const,
      { page: 'plan', childId: 'c-1_x' } as const,
      { page: 'plan', childId: 'c-1_x', section: 'roles' } as const,
      { page: 'plan', childId: 'c-1_x', section: 'meetings', meetingId: 'm-1' } as const,
    ]) expect(routeOf(pathOf(route))).to.deep.equal(route);
    expect(pathOf({ page: 'plan', childId: 'c', section: 'details' })).to.equal('/children/c');
  });
});
