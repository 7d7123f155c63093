# crime-event: Incidents relative to expected, before and after an area's first camera
# Re-run in this folder with: gnuplot chart-crime-event.gp
set terminal svg size 900,540 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-crime-event.svg'
set title "Incidents relative to expected, before and after an area's first camera\nSample City: did reported crime change where the cameras went up?\n2021-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set xlabel "months before and after the first camera"
set ylabel 'incidents relative to expected (log scale)'
set logscale y
set yrange [0.314517:2.44239]
set xrange [-13.5:24.5]
set ytics ("0.5" 0.5, "0.7" 0.7, "1" 1, "1.5" 1.5, "2" 2)
set xtics ("≤ -12" -12, "-6" -6, "-1" -1, "0" 0, "6" 6, "12" 12, "18" 18, "≥ 24" 24)
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb '#555555'
set arrow 2 from first -0.5, graph 0 to first -0.5, graph 1 nohead dt 3 lc rgb '#888888'
set label 3 'first camera' at first -0.3, graph 0.96 left textcolor rgb '#555555'
set key bottom left
plot 'chart-crime-event.dat' using 1:($5 > 0 ? NaN : $2):3:4 with yerrorbars pt 7 ps 1.2 lc rgb '#0072B2' title "ratio and 95 % interval", \
     '' using 1:($5 > 0 ? $2 : NaN) with points pt 6 ps 1.6 lc rgb '#D55E00' title 'reference period (set to 1)'
set terminal pngcairo size 900,540 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-crime-event.png'
replot
set output
