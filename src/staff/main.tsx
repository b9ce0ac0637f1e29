import { effect } from '@preact/signals';
import { render } from 'preact';
import { StaffApp } from './staff-app';
import { staffPath, startStaffRouter } from './staff-router';
import { loadStaffSession } from './staff-session';
import './staff.css';

let firstRoute = true;
effect(() => {
  void staffPath.value;
  if (!firstRoute) document.body.dataset.navigated = 'true';
  firstRoute = false;
});

startStaffRouter();
render(<StaffApp />, document.getElementById('staff-app')!);
void loadStaffSession();
